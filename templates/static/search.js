// The search page's script (templates/search.html): it reads the index
// (/search/index.json, package search) once, then, as the reader types,
// lists the posts where every word of the query starts a word of the title,
// summary, tags, recipients or providers, accents and case aside. They are
// ranked by where each word matched (fields: the title counts most);
// newest first among equals.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch || !String.prototype.normalize) {
    return; // the page's <noscript> text is all a reader gets
  }
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var base = form.getAttribute("data-base").replace(/\/$/, "");
  var fields = [["title", 8], ["recipients", 4], ["providers", 4], ["tags", 2], ["summary", 1]];
  var posts = null;

  // fold lowers s, drops its accents, and puts one space before each word.
  function fold(s) {
    return " " + s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function score(p, words) {
    var total = 0;
    for (var w = 0; w < words.length; w++) {
      var s = 0;
      for (var f = 0; f < fields.length; f++) {
        if (p.folded[f].indexOf(" " + words[w]) >= 0) {
          s += fields[f][1];
        }
      }
      if (s === 0) {
        return 0;
      }
      total += s;
    }
    return total;
  }

  function el(name, className, text) {
    var e = document.createElement(name);
    if (className) {
      e.className = className;
    }
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  function item(p) {
    var li = el("li", "post-summary");
    var h = li.appendChild(el("h2"));
    var a = h.appendChild(el("a", "", p.title));
    a.href = base + p.url;
    if (p.date) {
      var t = li.appendChild(el("p", "meta")).appendChild(el("time", "", p.day || p.date));
      t.dateTime = p.date;
    }
    if (p.summary) {
      li.appendChild(el("p", "", p.summary));
    }
    var names = [];
    ["recipients", "providers", "tags"].forEach(function (k) {
      if (p[k]) {
        names.push(list.getAttribute("data-" + k) + ": " + p[k].join(", "));
      }
    });
    if (names.length) {
      li.appendChild(el("p", "meta search-names", names.join(" · ")));
    }
    return li;
  }

  function say(key, n, q) {
    status.textContent = status.getAttribute("data-" + key).replace("{n}", n).replace("{q}", q);
  }

  function show() {
    var q = input.value.trim();
    list.textContent = "";
    if (!posts) {
      return; // shown once the index is read
    }
    if (!q) {
      status.textContent = "";
      return;
    }
    var words = fold(q).split(" ").filter(Boolean);
    var found = [];
    posts.forEach(function (p, i) {
      var s = words.length ? score(p, words) : 0;
      if (s) {
        found.push([s, i, p]);
      }
    });
    found.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    var frag = document.createDocumentFragment();
    found.forEach(function (f) { frag.appendChild(item(f[2])); });
    list.appendChild(frag);
    say(found.length === 0 ? "none" : found.length === 1 ? "single" : "many", found.length, q);
  }

  form.hidden = false;
  input.value = new URLSearchParams(location.search).get("q") || "";
  input.addEventListener("input", function () {
    show();
    var q = input.value.trim();
    history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    show();
  });

  fetch(form.getAttribute("data-index"))
    .then(function (r) {
      if (!r.ok) {
        throw new Error(r.status);
      }
      return r.json();
    })
    .then(function (index) {
      posts = index.posts.map(function (p) {
        ["tags", "recipients", "providers"].forEach(function (k) {
          if (p[k]) {
            p[k] = p[k].map(function (i) { return index.names[i]; });
          }
        });
        p.folded = fields.map(function (f) { return fold([].concat(p[f[0]] || []).join(" ")); });
        return p;
      });
      show();
    })
    .catch(function () { say("error", 0, ""); });
})();
