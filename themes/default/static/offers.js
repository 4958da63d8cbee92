// Filters the offer directory by topic and municipality. The page lists
// every offer without this script; the script only hides what does not match.
(function () {
  "use strict";
  var form = document.querySelector(".offer-filter");
  if (!form) return;
  var topic = form.querySelector("[name=topic]");
  var municipality = form.querySelector("[name=municipality]");
  var status = form.querySelector(".filter-status");
  var items = Array.prototype.slice.call(document.querySelectorAll(".offer-list > li.offer"));
  function apply() {
    var t = topic.value, m = municipality.value, shown = 0;
    items.forEach(function (li) {
      var topics = (li.getAttribute("data-topics") || "").split(" ");
      var ok = (!t || topics.indexOf(t) !== -1) && (!m || li.getAttribute("data-municipality") === m);
      li.hidden = !ok;
      if (ok) shown += 1;
    });
    status.textContent = shown + " / " + items.length;
    var params = new URLSearchParams();
    if (t) params.set("topic", t);
    if (m) params.set("municipality", m);
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }
  var params = new URLSearchParams(location.search);
  topic.value = params.get("topic") || "";
  municipality.value = params.get("municipality") || "";
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  apply();
})();
