// Search of the search page (/search/). Loads the small entry file
// search-index.json of the same site, then only the shards of the query's
// words (search-index/t/…), the result lines of the results shown
// (search-index/d/…) and, when asked for, more postings (p/…) and the
// filters' document lists (f/…). No framework, no network beyond the site
// itself. The index format is described in src/render/search_index/ and
// docs/feeds-and-search.md. The first part (words: folding and stemming)
// also runs under Node for tests/search_stemmer.rs, which checks it
// against the Rust side.
(function () {
  "use strict";

  // ---- Words: folding and stemming, as the index was made ----------------
  // normalize mirrors `normalize` in src/render/search_index/words.rs; the
  // stemmers are ports of the Snowball German and English (Porter2)
  // algorithms as the `rust-stemmers` crate has them (the index side);
  // tests/search_stemmer.rs runs one word list through both and compares.

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

  // The longest of `suffixes` that `w` ends with, or "".
  function longestSuffix(w, suffixes) {
    var best = "";
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (s.length > best.length && w.length >= s.length && w.slice(w.length - s.length) === s) best = s;
    }
    return best;
  }

  // Snowball's German stemmer (the classic one of rust-stemmers).
  var DE_V = "aeiouyäöü";
  function deVowel(c) {
    return c !== undefined && DE_V.indexOf(c) !== -1;
  }
  function stemGerman(word) {
    var w = Array.from(word.replace(/ß/g, "ss"));
    // u and y between vowels are consonants.
    for (var i = 1; i + 1 < w.length; i++) {
      if (deVowel(w[i - 1]) && (w[i] === "u" || w[i] === "y") && deVowel(w[i + 1])) w[i] = w[i].toUpperCase();
    }
    var len = w.length;
    var p1 = len;
    var p2 = len;
    if (len >= 3) {
      var at = regionAfter(w, 0, deVowel);
      if (at !== -1) {
        p1 = Math.max(at, 3);
        var at2 = regionAfter(w, at, deVowel);
        if (at2 !== -1) p2 = at2;
      }
    }
    var s = w.join("");
    // Lengths are counted in characters: the words are mostly ASCII, and
    // Array.from above counted them as Snowball does.
    function chars(x) {
      return Array.from(x).length;
    }
    function ends(x) {
      return s.length >= x.length && s.slice(s.length - x.length) === x;
    }
    function startOf(suffix) {
      return chars(s) - chars(suffix);
    }
    function cut(suffix) {
      s = s.slice(0, s.length - suffix.length);
    }
    function charBefore(suffix) {
      var a = Array.from(s.slice(0, s.length - suffix.length));
      return a[a.length - 1];
    }
    // Step 1.
    var suf = longestSuffix(s, ["em", "ern", "er", "e", "en", "es", "s"]);
    if (suf && startOf(suf) >= p1) {
      if (suf === "em" || suf === "ern" || suf === "er") cut(suf);
      else if (suf === "s") {
        if (suf && "bdfghklmnrt".indexOf(charBefore(suf)) !== -1 && charBefore(suf) !== undefined) cut(suf);
      } else {
        cut(suf);
        if (ends("niss")) cut("s");
      }
    }
    // Step 2.
    suf = longestSuffix(s, ["en", "er", "est", "st"]);
    if (suf && startOf(suf) >= p1) {
      if (suf === "st") {
        var before = charBefore(suf);
        if (before !== undefined && "bdfghklmnt".indexOf(before) !== -1 && startOf(suf) - 1 >= 3) cut(suf);
      } else cut(suf);
    }
    // Step 3.
    suf = longestSuffix(s, ["end", "ung", "ig", "ik", "isch", "lich", "heit", "keit"]);
    if (suf && startOf(suf) >= p2) {
      if (suf === "end" || suf === "ung") {
        cut(suf);
        if (ends("ig") && charBefore("ig") !== "e" && startOf("ig") >= p2) cut("ig");
      } else if (suf === "ig" || suf === "ik" || suf === "isch") {
        if (charBefore(suf) !== "e") cut(suf);
      } else if (suf === "lich" || suf === "heit") {
        cut(suf);
        var erEn = ends("er") ? "er" : ends("en") ? "en" : "";
        if (erEn && startOf(erEn) >= p1) cut(erEn);
      } else {
        cut(suf);
        var more = longestSuffix(s, ["lich", "ig"]);
        if (more && startOf(more) >= p2) cut(more);
      }
    }
    return s
      .replace(/Y/g, "y")
      .replace(/U/g, "u")
      .replace(/ä/g, "a")
      .replace(/ö/g, "o")
      .replace(/ü/g, "u");
  }

  // Where the region after the first vowel-then-non-vowel from `from` starts
  // (Snowball's "gopast v gopast non-v"), or -1.
  function regionAfter(w, from, isVowel) {
    var i = from;
    while (i < w.length && !isVowel(w[i])) i++;
    if (i >= w.length) return -1;
    i++;
    while (i < w.length && isVowel(w[i])) i++;
    if (i >= w.length) return -1;
    return i + 1;
  }

  // Snowball's English (Porter2) stemmer.
  var EN_EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
    atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var EN_INVARIANT = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];
  function enVowel(c) {
    return c !== undefined && "aeiouy".indexOf(c) !== -1;
  }
  function stemEnglish(word) {
    if (Object.prototype.hasOwnProperty.call(EN_EXCEPTIONS, word)) return EN_EXCEPTIONS[word];
    var w = Array.from(word);
    if (w.length < 3) return word;
    if (w[0] === "'") w.shift();
    var yFound = false;
    if (w[0] === "y") {
      w[0] = "Y";
      yFound = true;
    }
    for (var i = 1; i < w.length; i++) {
      if (enVowel(w[i - 1]) && w[i] === "y") {
        w[i] = "Y";
        yFound = true;
      }
    }
    var len = w.length;
    var p1 = len;
    var p2 = len;
    var joined = w.join("");
    var start = -1;
    ["gener", "commun", "arsen"].forEach(function (p) {
      if (joined.indexOf(p) === 0) start = p.length;
    });
    if (start === -1) start = regionAfter(w, 0, enVowel);
    if (start !== -1) {
      p1 = start;
      var r2 = regionAfter(w, start, enVowel);
      if (r2 !== -1) p2 = r2;
    }
    // The word as an array of characters from here on.
    function ends(x) {
      if (x.length > w.length) return false;
      for (var k = 0; k < x.length; k++) if (w[w.length - x.length + k] !== x[k]) return false;
      return true;
    }
    function longest(list) {
      var best = "";
      for (var k = 0; k < list.length; k++) if (list[k].length > best.length && ends(list[k])) best = list[k];
      return best;
    }
    function replace(suffix, by) {
      w.splice(w.length - suffix.length, suffix.length);
      Array.prototype.push.apply(w, Array.from(by));
    }
    function from(suffix) {
      return w.length - suffix.length;
    }
    // A short syllable just before `at`.
    function shortv(at) {
      var a = w[at - 1], b = w[at - 2], c = w[at - 3];
      if (a === undefined || b === undefined) return false;
      if (!enVowel(a) && enVowel(b) && at - 2 === 0) return true;
      return c !== undefined && !enVowel(a) && "aeiouywxY".indexOf(a) === -1 && enVowel(b) && !enVowel(c);
    }
    function vowelBefore(end) {
      for (var k = 0; k < end; k++) if (enVowel(w[k])) return true;
      return false;
    }
    // Step 1a.
    var s = longest(["'", "'s", "'s'"]);
    if (s) replace(s, "");
    s = longest(["sses", "ied", "ies", "s", "us", "ss"]);
    if (s === "sses") replace(s, "ss");
    else if (s === "ied" || s === "ies") replace(s, from(s) >= 2 ? "i" : "ie");
    else if (s === "s" && vowelBefore(w.length - 2)) replace(s, "");
    if (!(EN_INVARIANT.indexOf(w.join("")) !== -1)) {
      // Step 1b.
      s = longest(["eed", "eedly", "ed", "edly", "ing", "ingly"]);
      if (s === "eed" || s === "eedly") {
        if (from(s) >= p1) replace(s, "ee");
      } else if (s && vowelBefore(from(s))) {
        replace(s, "");
        var t = longest(["at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
        if (t === "at" || t === "bl" || t === "iz") w.push("e");
        else if (t) w.pop();
        else if (w.length === p1 && shortv(w.length)) w.push("e");
      }
      // Step 1c.
      var last = w[w.length - 1];
      if ((last === "y" || last === "Y") && w.length > 2 && !enVowel(w[w.length - 2])) w[w.length - 1] = "i";
      // Step 2.
      s = longest(["tional", "enci", "anci", "abli", "entli", "izer", "ization", "ational", "ation", "ator",
        "alism", "aliti", "alli", "fulness", "ousli", "ousness", "iveness", "iviti", "biliti", "bli", "ogi",
        "fulli", "lessli", "li"]);
      if (s && from(s) >= p1) {
        var step2 = {
          tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
          ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful",
          ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", fulli: "ful",
          lessli: "less"
        };
        if (s === "ogi") {
          if (w[from(s) - 1] === "l") replace(s, "og");
        } else if (s === "li") {
          if (w[from(s) - 1] !== undefined && "cdeghkmnrt".indexOf(w[from(s) - 1]) !== -1) replace(s, "");
        } else replace(s, step2[s]);
      }
      // Step 3.
      s = longest(["tional", "ational", "alize", "icate", "iciti", "ical", "ful", "ness", "ative"]);
      if (s && from(s) >= p1) {
        var step3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "" };
        if (s === "ative") {
          if (from(s) >= p2) replace(s, "");
        } else replace(s, step3[s]);
      }
      // Step 4.
      s = longest(["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
        "iti", "ous", "ive", "ize", "ion"]);
      if (s && from(s) >= p2) {
        if (s !== "ion") replace(s, "");
        else if (w[from(s) - 1] === "s" || w[from(s) - 1] === "t") replace(s, "");
      }
      // Step 5.
      s = longest(["e", "l"]);
      if (s === "e") {
        if (from(s) >= p2 || (from(s) >= p1 && !shortv(from(s)))) replace(s, "");
      } else if (s === "l") {
        if (from(s) >= p2 && w[from(s) - 1] === "l") replace(s, "");
      }
    }
    var out = w.join("");
    return yFound ? out.replace(/Y/g, "y") : out;
  }

  // The stem of a normalized word in the site's language; numbers stay.
  function stem(lang, word) {
    if (/^[0-9]+$/.test(word)) return word;
    if (lang === "en") return stemEnglish(word);
    if (lang === "de") return stemGerman(word);
    // No port of this language's algorithm: the index is unstemmed too
    // (`Stem::new` in stem.rs).
    return word;
  }

  // The shard key of a term: its first n characters, ASCII letters and
  // digits kept, others "_", missing ones "-" (`key` in shards.rs).
  function shardKey(word, n) {
    var chars = Array.from(word);
    var key = "";
    for (var i = 0; i < n; i++) {
      var c = chars[i];
      key += c === undefined ? "-" : /^[a-z0-9]$/.test(c) ? c : "_";
    }
    return key;
  }

  // The message for `n` results: of the forms `prefix` + category in
  // `data` (data-results-one, data-results-few, … as the page's language
  // has them; CLDR's categories, which the browser's Intl.PluralRules
  // knows) the one for `n`'s category, else the `other` form, else
  // `fallback` (themes written before the forms).
  function counted(data, prefix, n, fallback) {
    var category = "other";
    try {
      category = new Intl.PluralRules(data.plural || data.lang).select(n);
    } catch (e) {
      // An unknown language: `other`.
    }
    var key = function (c) {
      return prefix + c.charAt(0).toUpperCase() + c.slice(1);
    };
    return data[key(category)] || data[key("other")] || fallback;
  }

  if (typeof document === "undefined") {
    if (typeof module === "object" && module) {
      module.exports = { normalize: normalize, words: words, stem: stem, shardKey: shardKey, counted: counted };
    }
    return;
  }

  // ---- The page ------------------------------------------------------------
  var root = document.getElementById("search");
  var form = document.getElementById("search-form");
  if (!root || !form) return;
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var moreButton = document.getElementById("search-more");
  var selects = {
    kind: document.getElementById("search-kind"),
    m: document.getElementById("search-municipality"),
    t: document.getElementById("search-topic"),
    year: document.getElementById("search-year")
  };
  var data = root.dataset;
  // "de-x-ls" (Leichte Sprache) stems as German.
  var lang = String(data.lang || "de").slice(0, 2);
  // Results shown at first and added by "more".
  var STEP = 20;
  // Terms fetched for the compound parts a query word matches.
  var PART_TERMS = 8;
  // Rounds of further postings fetched before first results are shown.
  var FIRST_ROUNDS = 3;
  var entry = null;
  var stopWords = {};
  var keys = {};
  var split = {};
  var cache = {};
  var pending = null;
  var generation = 0;
  var current = null;

  // A file of the index (a path under search-index/), fetched once.
  function file(path) {
    if (entry.files) return Promise.resolve(entry.files[path] || null);
    if (!cache[path]) {
      cache[path] = fetch(data.files + path, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      });
    }
    return cache[path];
  }

  // The shards that hold the terms starting with `term`.
  function shardsOf(term) {
    var two = shardKey(term, 2);
    var found = [];
    if (split[two]) {
      if (Array.from(term).length >= 3) found.push(shardKey(term, 3));
      else
        entry.keys.forEach(function (k) {
          if (k.length === 3 && k.slice(0, 2) === two) found.push(k);
        });
    } else found.push(two);
    return found.filter(function (k) {
      return keys[k];
    });
  }

  function loadShards(names) {
    return Promise.all(
      names.map(function (k) {
        return file("t/" + k + ".json");
      })
    );
  }

  // One term's postings as found in its shard: [documents, [id, score, …], overflow].
  function source(term, found, exact) {
    var pages = found[2] ? Math.ceil((found[0] - entry.top) / entry.page) : 0;
    return { term: term, df: found[0], pairs: found[1].slice(), overflow: found[2], pages: pages, loaded: 0, exact: exact };
  }

  // A query word: the terms it begins, and those it ends or is inside of
  // (compound parts), each with its postings.
  function lookUp(term) {
    return loadShards(shardsOf(term)).then(function (shards) {
      var sources = [];
      var seen = {};
      var others = [];
      var truncated = false;
      shards.forEach(function (shard) {
        if (!shard) return;
        Object.keys(shard.t).forEach(function (t) {
          if (t.indexOf(term) === 0 && !seen[t]) {
            seen[t] = true;
            sources.push(source(t, shard.t[t], t === term));
          }
        });
        Object.keys(shard.p).forEach(function (p) {
          if (p.indexOf(term) === 0) others = others.concat(shard.p[p]);
        });
      });
      others = others.filter(function (t) {
        if (seen[t]) return false;
        seen[t] = true;
        return true;
      });
      if (others.length > PART_TERMS) {
        truncated = true;
        others = others.slice(0, PART_TERMS);
      }
      var names = {};
      others.forEach(function (t) {
        shardsOf(t).forEach(function (k) {
          names[k] = true;
        });
      });
      return loadShards(Object.keys(names)).then(function (more) {
        more.forEach(function (shard) {
          if (!shard) return;
          others.forEach(function (t) {
            if (shard.t[t]) sources.push(source(t, shard.t[t], false));
          });
        });
        return { sources: sources, truncated: truncated };
      });
    });
  }

  // Fetches the next overflow page of every source that has one; false
  // when none had.
  function loadMore(words) {
    var loads = [];
    words.forEach(function (word) {
      word.sources.forEach(function (src) {
        if (src.loaded < src.pages) {
          var page = src.loaded++;
          loads.push(
            file("p/" + src.overflow + "-" + page + ".json").then(function (pairs) {
              if (pairs) Array.prototype.push.apply(src.pairs, pairs);
            })
          );
        }
      });
    });
    return loads.length ? Promise.all(loads).then(function () { return true; }) : Promise.resolve(false);
  }

  function complete(words) {
    return words.every(function (word) {
      return !word.truncated && word.sources.every(function (src) {
        return src.loaded >= src.pages;
      });
    });
  }

  // The filters chosen in the form.
  function chosenFilters() {
    return { kind: selects.kind.value, m: selects.m.value, t: selects.t.value, year: selects.year.value };
  }

  // The documents of the chosen municipality and topic (sets), fetched.
  function filterSets(filters) {
    function set(path) {
      return file(path).then(function (deltas) {
        var ids = {};
        var n = 0;
        (deltas || []).forEach(function (d) {
          n += d;
          ids[n] = true;
        });
        return ids;
      });
    }
    return Promise.all([filters.m ? set("f/m" + filters.m + ".json") : null, filters.t ? set("f/t" + filters.t + ".json") : null]);
  }

  // The kind and year of document `id` (documents are numbered by kind and
  // year: entry.segs holds [kind, year, first, end] runs).
  function segment(id) {
    var segs = entry.segs;
    var lo = 0;
    var hi = segs.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (segs[mid][2] <= id) lo = mid;
      else hi = mid - 1;
    }
    return segs[lo];
  }

  // The documents found by every word, filtered, best first.
  function hitsOf(state) {
    var scores = null;
    state.words.forEach(function (word) {
      var mine = {};
      word.sources.forEach(function (src) {
        var bonus = src.exact ? 16 : 0;
        for (var i = 0; i + 1 < src.pairs.length; i += 2) {
          var id = src.pairs[i];
          var s = src.pairs[i + 1] + bonus;
          if (!(mine[id] >= s)) mine[id] = s;
        }
      });
      if (scores === null) scores = mine;
      else {
        var both = {};
        Object.keys(scores).forEach(function (id) {
          if (id in mine) both[id] = scores[id] + mine[id];
        });
        scores = both;
      }
    });
    var f = state.filters;
    var hits = [];
    Object.keys(scores || {}).forEach(function (key) {
      var id = Number(key);
      if (f.kind || f.year) {
        var seg = segment(id);
        if (f.kind && seg[0] !== f.kind) return;
        if (f.year && seg[1] !== f.year) return;
      }
      if (state.sets[0] && !state.sets[0][id]) return;
      if (state.sets[1] && !state.sets[1][id]) return;
      hits.push({ id: id, score: scores[key] });
    });
    hits.sort(function (a, b) {
      return b.score - a.score || a.id - b.id;
    });
    return hits;
  }

  // Fetches further postings until `wanted` results are there, everything
  // is fetched, or `rounds` rounds are done.
  function gather(state, wanted, rounds) {
    var hits = hitsOf(state);
    if (hits.length >= wanted || rounds <= 0) return Promise.resolve(hits);
    return loadMore(state.words).then(function (loaded) {
      return loaded ? gather(state, wanted, rounds - 1) : hitsOf(state);
    });
  }

  // ---- Showing results -----------------------------------------------------
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

  // `text` with the words that match the query in <mark>.
  function marked(text, terms, folded) {
    var fragment = document.createDocumentFragment();
    String(text)
      .split(/([\p{L}\p{N}\u0300-\u036f]+)/u)
      .forEach(function (part, i) {
        if (!part) return;
        var hit = false;
        if (i % 2 === 1) {
          var n = normalize(part);
          var s = stem(lang, n);
          hit = terms.some(function (t) {
            return s.indexOf(t) !== -1;
          }) || folded.some(function (w) {
            return n.indexOf(w) !== -1;
          });
        }
        if (hit) fragment.appendChild(element("mark", null, part));
        else fragment.appendChild(document.createTextNode(part));
      });
    return fragment;
  }

  // [kind, title, url, date, snippet] → a list item.
  function render(line, state) {
    var li = element("li", "card search-result");
    var heading = element("h2", "card-title");
    var link = element("a", null, line[1]);
    link.href = data.base + line[2];
    heading.appendChild(link);
    li.appendChild(heading);
    var meta = element("p", "meta", data["kind" + line[0].toUpperCase()] || "");
    if (line[3]) {
      meta.appendChild(document.createTextNode(" · "));
      var time = element("time", null, formatDate(line[3]));
      time.setAttribute("datetime", line[3]);
      meta.appendChild(time);
    }
    li.appendChild(meta);
    if (line[4]) {
      var p = element("p", "summary");
      p.appendChild(marked(line[4], state.terms, state.folded));
      li.appendChild(p);
    }
    return li;
  }

  // The result lines of `ids`, in order.
  function lines(ids) {
    var chunks = {};
    ids.forEach(function (id) {
      chunks[Math.floor(id / entry.chunk)] = true;
    });
    var names = Object.keys(chunks);
    return Promise.all(
      names.map(function (n) {
        return file("d/" + n + ".json");
      })
    ).then(function (loaded) {
      var byChunk = {};
      names.forEach(function (n, i) {
        byChunk[n] = loaded[i] || [];
      });
      return ids.map(function (id) {
        return byChunk[Math.floor(id / entry.chunk)][id % entry.chunk];
      });
    });
  }

  function show(state, hits) {
    var shown = hits.slice(0, state.shown);
    return lines(
      shown.map(function (h) {
        return h.id;
      })
    ).then(function (found) {
      if (state.generation !== generation) return;
      var fragment = document.createDocumentFragment();
      found.forEach(function (line) {
        if (line) fragment.appendChild(render(line, state));
      });
      list.textContent = "";
      list.appendChild(fragment);
      var done = complete(state.words);
      var n = hits.length;
      var f = state.filters;
      var word = state.words.length === 1 && !f.kind && !f.m && !f.t && !f.year ? state.words[0] : null;
      if (!done && word && !word.truncated) {
        // One word without filters: its terms' numbers of documents tell
        // how many there are (exactly, for one term).
        word.sources.forEach(function (src) {
          n = Math.max(n, src.df);
        });
        if (word.sources.length === 1) done = true;
      }
      var message =
        n === 0 && done
          ? data.none
          : !done
            ? counted(data, "atleast", n, data.atleast)
            : counted(data, "results", n, n === 1 ? data.one : data.many);
      status.textContent = fill(message, { n: n, q: state.query });
      moreButton.hidden = !(hits.length > state.shown || !complete(state.words));
      root.setAttribute("data-done", state.query);
    });
  }

  // The query's words, without the short and frequent ones the index leaves
  // out (unless nothing else is left).
  function queryWords(query) {
    var all = words(query);
    var useful = all.filter(function (w) {
      return Array.from(w).length >= entry.min && !stopWords[w];
    });
    return useful.length ? useful : all;
  }

  function search(query) {
    var folded = queryWords(query);
    var terms = [];
    folded.forEach(function (w) {
      var t = stem(lang, w);
      if (terms.indexOf(t) === -1) terms.push(t);
    });
    var mine = ++generation;
    root.removeAttribute("data-done");
    if (!terms.length) {
      list.textContent = "";
      status.textContent = "";
      moreButton.hidden = true;
      current = null;
      return Promise.resolve();
    }
    var filters = chosenFilters();
    return Promise.all([Promise.all(terms.map(lookUp)), filterSets(filters)])
      .then(function (found) {
        if (mine !== generation) return;
        current = {
          generation: mine,
          query: query.trim(),
          terms: terms,
          folded: folded,
          words: found[0],
          sets: found[1],
          filters: filters,
          shown: STEP
        };
        var state = current;
        return gather(state, STEP + 1, FIRST_ROUNDS).then(function (hits) {
          return show(state, hits);
        });
      })
      .catch(function () {
        if (mine === generation) status.textContent = data.error;
      });
  }

  function more() {
    var state = current;
    if (!state) return;
    state.shown += STEP;
    gather(state, state.shown + 1, FIRST_ROUNDS).then(function (hits) {
      return show(state, hits);
    });
  }

  // The query and filters, into the address (so results can be linked and
  // survive a reload), then the search.
  function run() {
    var query = input.value;
    var url = new URL(location.href);
    if (query.trim()) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    Object.keys(selects).forEach(function (name) {
      if (selects[name].value) url.searchParams.set(name, selects[name].value);
      else url.searchParams.delete(name);
    });
    history.replaceState(null, "", url.pathname + url.search);
    if (entry) search(query);
  }

  function load() {
    status.textContent = data.loading;
    fetch(data.index, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      })
      .then(function (index) {
        entry = index;
        (index.stop || []).forEach(function (w) {
          stopWords[w] = true;
        });
        (index.keys || []).forEach(function (k) {
          keys[k] = true;
        });
        (index.split || []).forEach(function (k) {
          split[k] = true;
        });
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
  Object.keys(selects).forEach(function (name) {
    selects[name].addEventListener("change", run);
  });
  moreButton.addEventListener("click", more);
  var params = new URLSearchParams(location.search);
  if (params.get("q")) input.value = params.get("q");
  Object.keys(selects).forEach(function (name) {
    var value = params.get(name);
    if (value && selects[name].querySelector('option[value="' + CSS.escape(value) + '"]')) selects[name].value = value;
  });
  load();
})();
