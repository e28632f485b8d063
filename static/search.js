// Search with Pagefind's own JS API (the index is in /pagefind/ under the site's base path): results in a
// panel under the header box on every page, and the full page at /search/ with filters and sorting.
// Our own small UI rather than Pagefind's prebuilt one, to show each result's kind and date, to put a
// profile first for its own name, and to style it with the site's variables. No request leaves the site.
(function () {
  "use strict";

  var script = document.currentScript;
  var BASE = (script && script.getAttribute("data-base")) || "/";
  // The page's interface language: its pages are searched (articles too, each in its frame of it).
  var LANG = (script && script.getAttribute("data-lang")) || document.documentElement.lang || "en";
  // The words shown, in that language, from /<lang>/search/text.json (templates/search_text.txt: the
  // catalogues translate them); fetched with the index, on first use.
  var TEXT = null;
  var FILTERS = ["kind", "lab", "year", "status"];
  var ORDER = { kind: ["person", "lab", "article", "move", "page"], status: ["confirmed", "reported", "rumored", "denied"] };
  var PANEL_RESULTS = 8;
  var PAGE_RESULTS = 30;
  var PROMOTE_WITHIN = 10;

  // Ranking: a match in a profile's name or aliases (the "names" meta field, only on person and lab pages)
  // adds a large boost, so "Jane Example" or "DeepMind" puts the profile above the moves and articles naming
  // it; kind, date and lang are labels, not text to match.
  var OPTIONS = { baseUrl: BASE, excerptLength: 24,
    ranking: { metaWeights: { names: 12, title: 5, kind: 0, date: 0, lang: 0 } } };

  var loading = null;
  // Pagefind is loaded on first use only: most readers never search. Its filter index is loaded at once
  // too, since a search reports filter counts only once that index is there.
  function pagefind() {
    if (!loading) {
      var words = fetch(script.getAttribute("data-text")).then(function (r) {
        if (!r.ok) throw new Error("no search text");
        return r.json();
      }).then(function (t) { TEXT = t; });
      loading = Promise.all([words, import(BASE + "pagefind/pagefind.js")]).then(function (both) {
        var pf = both[1];
        return pf.options(OPTIONS).then(function () { return pf.filters(); }).then(function () { return pf; });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // Accents and case do not matter, as in Pagefind's own matching ("Sebastien" is "Sébastien").
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  // Data of the first `count` results, reordered the way a reader expects: first any profile whose name or
  // alias *is* the query ("Google" is Google's page even when Google DeepMind's page says "Google" more
  // often), then pages that use every word as typed, then pages that matched only a word's stem
  // ("débauchant" first finds the article saying "débauchant", then the one titled "débauche").
  function topResults(term, results, count) {
    var wanted = results.slice(0, Math.max(count, PROMOTE_WITHIN));
    return Promise.all(wanted.map(function (r) { return r.data(); })).then(function (datas) {
      var q = fold(term);
      var words = q.split(" ").filter(Boolean);
      var rank = function (d) {
        var names = (d.meta && d.meta.names) || "";
        if (names.split(",").some(function (n) { return fold(n) === q; })) return 0;
        var text = " " + fold((d.meta && d.meta.title || "") + " " + (d.content || "")).replace(/[^\p{L}\p{N}]+/gu, " ") + " ";
        var whole = words.every(function (w) { return text.indexOf(" " + w + " ") >= 0; });
        return whole ? 1 : 2;
      };
      var head = datas.slice(0, PROMOTE_WITHIN).map(function (d, i) { return { d: d, i: i, r: rank(d) }; });
      head.sort(function (a, b) { return a.r - b.r || a.i - b.i; });  // stable: Pagefind's order within a rank
      return head.map(function (x) { return x.d; }).concat(datas.slice(PROMOTE_WITHIN)).slice(0, count);
    });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // One result: title link, kind, date, and Pagefind's excerpt (its <mark> is the highlight; the excerpt is
  // our own indexed text, which Pagefind returns escaped).
  function resultItem(data) {
    var meta = data.meta || {};
    var kind = meta.kind || "";
    var excerpt = el("p", { "class": "search-excerpt" });
    excerpt.innerHTML = data.excerpt || "";
    var info = el("p", { "class": "search-info" }, [
      el("span", { "class": "search-kind search-kind-" + kind, text: TEXT.kinds[kind] || kind }),
      meta.date ? el("span", { "class": "search-date", text: meta.date }) : null,
    ]);
    var title = el("a", { "class": "search-title", href: data.url, text: meta.title || data.url });
    // An article: its title and words are read in its own language, whatever the interface's.
    if (meta.lang) { title.setAttribute("lang", meta.lang); excerpt.setAttribute("lang", meta.lang); }
    return el("li", { "class": "search-result", "data-kind": kind }, [title, info, excerpt]);
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function summary(total, term) {
    if (!total) return fill(TEXT.none, { term: term });
    var form = TEXT.results[new Intl.PluralRules(LANG).select(total)] || TEXT.results.other;
    return fill(form, { n: total.toLocaleString(LANG), term: term });
  }

  // Carried by the page itself: it is shown when the words' file, or the index, failed to load.
  function unavailable() {
    return script.getAttribute("data-unavailable") || "";
  }

  // This language's pages only: an article is found once, in its frame of the reader's language.
  function scoped(filters) {
    var mine = { ui: LANG };
    return filters && Object.keys(filters).length ? { all: [filters, mine] } : mine;
  }

  // ---- The header box: results in a panel as one types; "/" focuses it (site.js), Escape closes it. ----
  function headerBox(form) {
    var input = form.querySelector("input[type=search]");
    if (!input) return;
    // A combobox whose popup is a non-modal dialog (ARIA 1.2): a search box may not carry aria-expanded,
    // a combobox must, and the panel holds links and a status line, not the options of a listbox.
    var panel = el("div", { "class": "search-panel", id: "header-search-panel", role: "dialog",
      "aria-label": script.getAttribute("data-panel-label") || "", hidden: "" });
    form.appendChild(panel);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-haspopup", "dialog");
    input.setAttribute("aria-controls", panel.id);
    input.setAttribute("aria-expanded", "false");
    var timer = null;
    var seq = 0;

    function close() {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }
    function open() {
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function show(nodes) {
      panel.textContent = "";
      nodes.forEach(function (n) { panel.appendChild(n); });
      open();
    }

    function run() {
      var term = input.value.trim();
      var mine = ++seq;
      if (!term) { close(); panel.textContent = ""; return; }
      pagefind().then(function (pf) { return pf.search(term, { filters: scoped(null) }); }).then(function (search) {
        if (mine !== seq) return null;
        return topResults(term, search.results, PANEL_RESULTS).then(function (datas) {
          if (mine !== seq) return;
          var total = search.results.length;
          var all = el("a", { "class": "search-all", href: form.getAttribute("action") + "?q=" + encodeURIComponent(term),
            text: total > PANEL_RESULTS ? fill(TEXT.all, { n: total.toLocaleString(LANG) }) : TEXT.page });
          show([el("p", { "class": "search-status", role: "status", text: summary(total, term) }),
            el("ol", { "class": "search-results" }, datas.map(resultItem)), el("p", {}, [all])]);
        });
      }).catch(function () {
        if (mine === seq) show([el("p", { "class": "search-status", role: "status", text: unavailable() })]);
      });
    }

    input.addEventListener("focus", function () {
      pagefind();
      if (panel.childNodes.length && input.value.trim()) open();
    });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    form.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(panel.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        if (!panel.hidden) { event.preventDefault(); close(); input.focus(); }
      } else if (event.key === "ArrowDown" && !panel.hidden && links.length) {
        event.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        if (at === 0) input.focus(); else links[at - 1].focus();
      }
    });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
    form.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !form.contains(event.relatedTarget)) close();
    });
  }

  // ---- The search page: query, filters with counts, order by date; the state lives in the URL. ----
  function searchPage(root) {
    // Filters fold behind their summary on a narrow screen, so that results come first; open where there is
    // room beside the results (the same width as search.css's one-column layout).
    var fold = root.querySelector("[data-search-fold]");
    if (fold && window.matchMedia) {
      var wide = window.matchMedia("(min-width: 48.01rem)");
      fold.open = wide.matches;
      wide.addEventListener("change", function (event) { fold.open = event.matches; });
    }
    root.hidden = false;
    var form = root.querySelector("form");
    var input = root.querySelector("input[type=search]");
    var controls = root.querySelector("[data-search-filters]");
    var sortSelect = root.querySelector("[data-search-sort]");
    var status = root.querySelector("[data-search-status]");
    var list = root.querySelector("[data-search-results]");
    var more = root.querySelector("[data-search-more]");
    var params = new URLSearchParams(location.search);
    var selected = {};
    FILTERS.forEach(function (f) { selected[f] = params.getAll(f); });
    input.value = params.get("q") || "";
    sortSelect.value = params.get("sort") === "asc" || params.get("sort") === "desc" ? params.get("sort") : "";
    var seq = 0;
    var shown = PAGE_RESULTS;
    var timer = null;

    // Values of one key are alternatives ("any"); different keys narrow each other.
    function filtersExcept(skip) {
      var filters = {};
      FILTERS.forEach(function (f) {
        if (f !== skip && selected[f].length) filters[f] = { any: selected[f] };
      });
      return scoped(filters);
    }

    function remember() {
      var next = new URLSearchParams();
      if (input.value.trim()) next.set("q", input.value.trim());
      FILTERS.forEach(function (f) { selected[f].forEach(function (v) { next.append(f, v); }); });
      if (sortSelect.value) next.set("sort", sortSelect.value);
      var qs = next.toString();
      history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
    }

    // Counts for each key as if that key were not filtered yet (so its other values can still be added),
    // narrowed by the other keys' choices.
    function facetCounts(pf, term, search) {
      var counts = {};
      return Promise.all(FILTERS.map(function (f) {
        var key = f;
        if (!selected[key].length) { counts[key] = (search.filters || {})[key] || {}; return null; }
        return pf.search(term, { filters: filtersExcept(key) }).then(function (s) {
          counts[key] = (s.filters || {})[key] || {};
        });
      })).then(function () { return counts; });
    }

    // Ordered by date: Pagefind leaves out pages without a date key (people, labs); they follow, by relevance.
    function ordered(pf, term, search) {
      if (!sortSelect.value) return Promise.resolve(search.results);
      return pf.search(term, { filters: filtersExcept(null), sort: { date: sortSelect.value } }).then(function (dated) {
        var ids = {};
        dated.results.forEach(function (r) { ids[r.id] = true; });
        return dated.results.concat(search.results.filter(function (r) { return !ids[r.id]; }));
      });
    }

    function sortedValues(key, counts) {
      var values = Object.keys(counts);
      if (ORDER[key]) {
        return ORDER[key].filter(function (v) { return v in counts; })
          .concat(values.filter(function (v) { return ORDER[key].indexOf(v) < 0; }));
      }
      if (key === "year") return values.sort().reverse();
      return values.sort(function (a, b) { return a.localeCompare(b); });
    }

    function label(key, value) {
      if (key === "kind") return TEXT.kinds[value] || value;
      if (key === "status") return TEXT.statuses[value] || value;
      return value;
    }

    function drawFilters(counts) {
      controls.textContent = "";
      FILTERS.forEach(function (f) {
        var key = f;
        var values = sortedValues(key, counts[key]).filter(function (v) {
          return counts[key][v] > 0 || selected[key].indexOf(v) >= 0;
        });
        if (!values.length) return;
        var set = el("fieldset", { "class": "search-filter", "data-filter": key }, [el("legend", { text: TEXT.filters[key] })]);
        values.forEach(function (value) {
          var box = el("input", { type: "checkbox", name: key, value: value });
          box.checked = selected[key].indexOf(value) >= 0;
          box.addEventListener("change", function () {
            selected[key] = box.checked ? selected[key].concat([value])
              : selected[key].filter(function (v) { return v !== value; });
            shown = PAGE_RESULTS;
            run();
          });
          set.appendChild(el("label", { "data-value": value }, [box, el("span", { text: " " + label(key, value) + " " }),
            el("span", { "class": "search-count", text: String(counts[key][value] || 0) })]));
        });
        controls.appendChild(set);
      });
    }

    function run() {
      var term = input.value.trim();
      var mine = ++seq;
      remember();
      if (!term) {
        status.textContent = status.getAttribute("data-prompt") || "";
        list.textContent = "";
        controls.textContent = "";
        more.hidden = true;
        return;
      }
      status.textContent = status.getAttribute("data-searching") || "";
      pagefind().then(function (pf) {
        return pf.search(term, { filters: filtersExcept(null) }).then(function (search) {
          return Promise.all([ordered(pf, term, search), facetCounts(pf, term, search)]);
        });
      }).then(function (both) {
        if (mine !== seq) return null;
        var results = both[0];
        var pick = sortSelect.value ? Promise.all(results.slice(0, shown).map(function (r) { return r.data(); }))
          : topResults(term, results, shown);
        return pick.then(function (datas) {
          if (mine !== seq) return;
          status.textContent = summary(results.length, term);
          drawFilters(both[1]);
          list.textContent = "";
          datas.forEach(function (d) { list.appendChild(resultItem(d)); });
          more.hidden = results.length <= shown;
        });
      }).catch(function () {
        if (mine === seq) status.textContent = unavailable();
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", function () { clearTimeout(timer); shown = PAGE_RESULTS; timer = setTimeout(run, 150); });
    sortSelect.addEventListener("change", function () { shown = PAGE_RESULTS; run(); });
    more.addEventListener("click", function () { shown += PAGE_RESULTS; run(); });
    run();
  }

  var header = document.querySelector("form[data-search-box]");
  if (header) headerBox(header);
  var page = document.querySelector("[data-search-page]");
  if (page) searchPage(page);
})();
