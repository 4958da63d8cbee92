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
    var t = topic.value, m = municipality.value;
    // An offer is listed once per stage it covers: count offers, not rows.
    var shown = {}, all = {};
    items.forEach(function (li) {
      var topics = (li.getAttribute("data-topics") || "").split(" ");
      var ok = (!t || topics.indexOf(t) !== -1) && (!m || li.getAttribute("data-municipality") === m);
      var link = li.querySelector("a");
      var key = link ? link.getAttribute("href") : "";
      li.hidden = !ok;
      all[key] = true;
      if (ok) shown[key] = true;
    });
    status.textContent = Object.keys(shown).length + " / " + Object.keys(all).length;
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
