// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // "/" focuses the search box: the search page's own when there is one, else the header's (unless the
  // reader is typing somewhere already).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var page = document.getElementById("search-q");
    var box = page && page.offsetParent !== null ? page : document.getElementById("header-q");
    if (box) { event.preventDefault(); box.focus(); }
  });

  // The "/" hint in the header's placeholder only where a keyboard is likely: a fine pointer that hovers.
  var keyboard = window.matchMedia && window.matchMedia("(hover: hover) and (pointer: fine)").matches;
  document.querySelectorAll("input[data-keyboard-placeholder]").forEach(function (input) {
    if (keyboard) input.placeholder = input.getAttribute("data-keyboard-placeholder");
  });

  // A sideways-scrolling section list fades at an end while there is more of it that way (style.css: a fifth
  // of its width fades). A current section under the fade is brought to the middle: on a phone in French,
  // "Laboratoires" would otherwise sit half-faded at the edge, with "Flux" and "Articles" out of sight.
  document.querySelectorAll(".main-nav").forEach(function (nav) {
    function mark() {
      nav.classList.toggle("is-scrollable", nav.scrollLeft + nav.clientWidth < nav.scrollWidth - 1);
      nav.classList.toggle("is-scrolled", nav.scrollLeft > 1);
    }
    var current = nav.querySelector('[aria-current="page"]');
    if (current && nav.scrollWidth > nav.clientWidth + 1) {
      var box = nav.getBoundingClientRect(), link = current.getBoundingClientRect();
      if (link.right > box.left + box.width * 0.8) {
        nav.scrollLeft += link.left + link.width / 2 - (box.left + box.width / 2);
      }
    }
    mark();
    window.addEventListener("resize", mark);
    nav.addEventListener("scroll", mark, { passive: true });
  });

  // A status badge's explanation (style.css) shows on hover and focus, its own or its row's "Details" link's;
  // Escape hides it until the pointer or the focus leaves (WCAG 1.4.13: dismissible without moving either).
  function badgeOf(element) {
    if (!element || !element.closest) return null;
    var badge = element.closest(".status[tabindex]");
    var row = !badge && element.classList.contains("permalink") && element.closest(".event");
    return badge || (row && row.querySelector(".status[tabindex]"));
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var shown = Array.prototype.slice.call(document.querySelectorAll(".status[tabindex]:hover"));
    shown.push(badgeOf(document.activeElement));
    shown.forEach(function (badge) { if (badge) badge.classList.add("tip-dismissed"); });
  });
  function undismiss(event) {
    var badge = badgeOf(event.target);
    if (badge && !badge.contains(event.relatedTarget)) badge.classList.remove("tip-dismissed");
  }
  document.addEventListener("focusout", undismiss);
  document.addEventListener("mouseout", undismiss);

  // Sortable index tables: each sortable heading becomes a button; aria-sort tells assistive technology.
  function sortTable(table, column, kind, direction) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var collator = new Intl.Collator(document.documentElement.lang || "en", { sensitivity: "base", numeric: true });
    rows.sort(function (a, b) {
      var x = a.cells[column].getAttribute("data-value") || "";
      var y = b.cells[column].getAttribute("data-value") || "";
      var order = kind === "number" ? Number(x) - Number(y) : collator.compare(x, y);
      return direction === "ascending" ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var headings = table.querySelectorAll("th[data-sort]");
    headings.forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var kind = th.getAttribute("data-sort");
        var current = th.getAttribute("aria-sort");
        var direction = current === "ascending" ? "descending"
          : current === "descending" ? "ascending" : (kind === "text" ? "ascending" : "descending");
        headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", direction);
        sortTable(table, th.cellIndex, kind, direction);
      });
    });
  });
})();
