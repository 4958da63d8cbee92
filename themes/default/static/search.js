// Search of the search page (/search/): loads /search-index.json from the same
// site and finds articles, events, municipalities, topics and offers whose
// title, snippet or words contain every word of the query. No framework, no
// network beyond the site itself. The index format is described in
// src/render/search_index/mod.rs and `normalize` in .../words.rs; the two
// `normalize` functions must stay in step.
(function () {
  "use strict";
  var root = document.getElementById("search");
  var form = document.getElementById("search-form");
  if (!root || !form) return;
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var data = root.dataset;
  var MAX_SHOWN = 100;
  var docs = null;
  var stopWords = {};
  var MIN_WORD_CHARS = 3;
  var pending = null;

  // Lowercase; ä ö ü ß → ae oe ue ss; other accents dropped; ae oe ue → a o u.
  // "Übergänge", "Uebergaenge" and "ubergange" all become "ubergange".
  function normalize(text) {
    return String(text)
      .normalize("NFC")
      .toLowerCase()
      .replace(/ä/g, "ae")
      .replace(/ö/g, "oe")
      .replace(/ü/g, "ue")
      .replace(/ß/g, "ss")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/ae/g, "a")
      .replace(/oe/g, "o")
      .replace(/ue/g, "u");
  }

  function words(text) {
    return normalize(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // The query's words, without the short and frequent ones the index leaves
  // out (unless nothing else is left).
  function queryTerms(query) {
    var all = words(query);
    var useful = all.filter(function (w) {
      return w.length >= MIN_WORD_CHARS && !stopWords[w];
    });
    return useful.length ? useful : all;
  }

  // [kind, title, url, date, snippet, words] → a searchable record.
  function prepare(entry) {
    var title = " " + words(entry[1]).join(" ") + " ";
    return {
      kind: entry[0],
      title: entry[1],
      url: entry[2],
      date: entry[3],
      snippet: entry[4],
      titleWords: title,
      all: title + words(entry[4]).join(" ") + " " + entry[5] + " "
    };
  }

  function score(doc, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      if (doc.all.indexOf(term) === -1) return 0;
      total += 1;
      if (doc.titleWords.indexOf(term) !== -1) total += 4;
      if (doc.all.indexOf(" " + term) !== -1) total += 1;
      if (doc.all.indexOf(" " + term + " ") !== -1) total += 1;
    }
    return total;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }

  function formatDate(iso) {
    if (!iso) return "";
    try {
      return new Intl.DateTimeFormat(data.lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" })
        .format(new Date(iso + "T00:00:00Z"));
    } catch (e) {
      return iso;
    }
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function render(hit) {
    var li = element("li", "card search-result");
    var heading = element("h2", "card-title");
    var link = element("a", null, hit.title);
    link.href = data.base + hit.url;
    heading.appendChild(link);
    li.appendChild(heading);
    var meta = element("p", "meta", data["kind" + hit.kind.toUpperCase()] || "");
    if (hit.date) {
      meta.appendChild(document.createTextNode(" · "));
      var time = element("time", null, formatDate(hit.date));
      time.setAttribute("datetime", hit.date);
      meta.appendChild(time);
    }
    li.appendChild(meta);
    if (hit.snippet) li.appendChild(element("p", "summary", hit.snippet));
    return li;
  }

  function search(query) {
    var terms = queryTerms(query);
    list.textContent = "";
    if (!terms.length) {
      status.textContent = "";
      return;
    }
    var hits = [];
    for (var i = 0; i < docs.length; i++) {
      var s = score(docs[i], terms);
      if (s > 0) hits.push({ doc: docs[i], score: s, order: i });
    }
    hits.sort(function (a, b) {
      return b.score - a.score || a.order - b.order;
    });
    var q = query.trim();
    var message = hits.length === 0 ? data.none : hits.length === 1 ? data.one : data.many;
    message = fill(message, { n: hits.length, q: q });
    if (hits.length > MAX_SHOWN) message += " " + fill(data.more, { shown: MAX_SHOWN });
    var fragment = document.createDocumentFragment();
    hits.slice(0, MAX_SHOWN).forEach(function (hit) {
      fragment.appendChild(render(hit.doc));
    });
    list.appendChild(fragment);
    status.textContent = message;
  }

  function run() {
    var query = input.value;
    var url = new URL(location.href);
    if (query.trim()) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url.pathname + url.search);
    if (docs) search(query);
  }

  function load() {
    status.textContent = data.loading;
    fetch(data.index, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      })
      .then(function (index) {
        (index.stop || []).forEach(function (w) {
          stopWords[w] = true;
        });
        docs = (index.docs || []).map(prepare);
        root.setAttribute("data-ready", "true");
        status.textContent = "";
        search(input.value);
      })
      .catch(function () {
        status.textContent = data.error;
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  input.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(run, 150);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) input.value = initial;
  load();
})();
