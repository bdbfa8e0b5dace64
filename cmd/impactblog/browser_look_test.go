package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The looks of the default theme in Chromium, on the sample blog as `build`
// writes it: at phone widths every amount is on screen, at desktop width the
// tables are tables, and in dark mode the pages change colour and axe-core
// finds nothing wrong with them.
//
// IMPACTBLOG_SHOTS=dir also writes full-page screenshots of a post, of
// /impact/ and of a year's impact page at 390 and 1280 px, light and dark,
// into dir, to look at.

// phoneWidths are the narrowest, a common and the widest phone, in CSS px.
var phoneWidths = []int64{360, 390, 430}

// figuresPost is the sample post with the most figures: donations,
// offsets, shares of the year and an emissions chart.
const figuresPost = "posts/our-small-victories-of-2020/"

// yearPage is the sample blog's year with the most entries, on its own
// impact page: its charts, its figures by recipient and provider, and
// every entry with its evidence.
const yearPage = "impact/2020/"

// figurePages are the pages whose tables of figures are looked at closely.
var figurePages = []string{figuresPost, "impact/", yearPage}

// lookSite builds the sample blog and serves what build wrote. It returns
// the server's URL and the paths of the pages to look at.
func lookSite(t *testing.T) (url string, pages []string) {
	t.Helper()
	dir := copyBlog(t)
	if code, _, errOut := runCmd(t, "build", "-src", dir); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	public := filepath.Join(dir, "public")
	srv := httptest.NewServer(http.FileServer(http.Dir(public)))
	t.Cleanup(srv.Close)
	pages = []string{"", "impact/", yearPage}
	posts, err := os.ReadDir(filepath.Join(public, "posts"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range posts {
		if p.IsDir() {
			pages = append(pages, "posts/"+p.Name()+"/")
		}
	}
	if !strings.Contains(strings.Join(pages, " "), figuresPost) {
		t.Fatalf("the sample blog has no %s: %v", figuresPost, pages)
	}
	return srv.URL + "/", pages
}

// open loads url at the given viewport width and colour scheme.
func open(t *testing.T, ctx context.Context, url string, width int64, scheme string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(width, 844, chromedp.EmulatePortrait),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		}),
		chromedp.Navigate(url),
	)
	if err != nil {
		t.Fatalf("opening %s at %d px, %s: %v", url, width, scheme, err)
	}
}

// evalJSON evaluates js, which returns a JSON string, into v.
func evalJSON(t *testing.T, ctx context.Context, js string, v any) {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating script: %v", err)
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("decoding %s: %v", s, err)
	}
}

// amountsJS finds every amount on the page (a numeric table cell, a
// headline figure, a label of a chart) and says, for each, whether it is
// shown whole: inside the viewport, not cut off by an element that clips
// (a scrolling table, the chart's own box), and, in a table reflowed into
// rows, with its column's name next to it. It also says whether the page
// scrolls sideways.
const amountsJS = `(() => {
  const vw = document.documentElement.clientWidth;
  const res = {scrollWidth: document.documentElement.scrollWidth, clientWidth: vw, count: 0, problems: []};
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    if (typeof el.className === "string" && el.className) s += "." + el.className.trim().split(/\s+/).join(".");
    return s;
  };
  const where = (el) => {
    const t = el.closest("table");
    const c = t && t.querySelector("caption");
    const sec = el.closest("section");
    const h = sec && sec.querySelector("h2");
    return (h ? h.textContent.trim() : "") + (c ? " / " + c.textContent.trim() : "");
  };
  const els = document.querySelectorAll("td.num, th.num, .figure .value, svg.chart text");
  for (const el of els) {
    const text = el.textContent.trim();
    if (text === "" || el.closest("thead")) continue; // a column's name, not an amount
    res.count++;
    const what = JSON.stringify(text) + " (" + name(el) + " in " + where(el) + ")";
    let r;
    if (el instanceof SVGElement) {
      r = el.getBoundingClientRect();
    } else {
      const range = document.createRange();
      range.selectNodeContents(el);
      r = range.getBoundingClientRect();
    }
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility !== "visible") {
      res.problems.push(what + ": not shown");
      continue;
    }
    if (r.left < -0.5 || r.right > vw + 0.5) {
      res.problems.push(what + ": at " + r.left.toFixed(1) + "–" + r.right.toFixed(1) + ", outside the viewport's 0–" + vw);
      continue;
    }
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === "visible" && s.overflowY === "visible") continue;
      const ar = a.getBoundingClientRect();
      if (r.left < ar.left - 0.5 || r.right > ar.right + 0.5 || r.top < ar.top - 0.5 || r.bottom > ar.bottom + 0.5) {
        res.problems.push(what + ": cut off by " + name(a) + " (text " + r.left.toFixed(1) + "–" + r.right.toFixed(1) + ", box " + ar.left.toFixed(1) + "–" + ar.right.toFixed(1) + ")");
        break;
      }
    }
    const t = el.closest("table");
    if (t && el.tagName === "TD" && getComputedStyle(t).display !== "table" && getComputedStyle(el).display !== "table-cell") {
      const label = getComputedStyle(el, "::before").content;
      if (!label || label === "none" || label === "normal" || label === '""') {
        res.problems.push(what + ": in a reflowed table, with no column name");
      }
    }
  }
  return JSON.stringify(res);
})()`

type amounts struct {
	ScrollWidth int
	ClientWidth int
	Count       int
	Problems    []string
}

// tableRoles counts the nodes of the open page's accessibility tree that
// make its tables tables for a screen reader.
func tableRoles(t *testing.T, ctx context.Context) map[string]int {
	t.Helper()
	roles := map[string]int{}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		r, err := cdp.Call(ctx, tg, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		if err != nil {
			return err
		}
		for _, n := range r.Nodes {
			if n.Role == nil || n.Ignored {
				continue
			}
			var role string
			if json.Unmarshal(n.Role.Value, &role) == nil {
				switch role {
				case "table", "row", "columnheader", "rowheader", "caption":
					roles[role]++
				}
			}
		}
		return nil
	}))
	if err != nil {
		t.Fatalf("reading the accessibility tree: %v", err)
	}
	return roles
}

// TestLookPhones: at the widths of phones, every amount on every post, on
// /impact/ and on a year's page is on screen, whole, and the page does not
// scroll sideways;
// the tables, reflowed, are still tables for a screen reader, with the
// same rows and headers as at desktop width.
func TestLookPhones(t *testing.T) {
	ctx := newBrowser(t)
	url, pages := lookSite(t)
	desktop := map[string]map[string]int{}
	for _, page := range figurePages {
		open(t, ctx, url+page, 1280, "light")
		desktop[page] = tableRoles(t, ctx)
		if desktop[page]["table"] < 2 || desktop[page]["columnheader"] < 5 {
			t.Fatalf("%s at 1280 px: have %v, want tables with column headers", page, desktop[page])
		}
	}
	for _, w := range phoneWidths {
		for _, page := range pages {
			t.Run(fmt.Sprintf("%d/%s", w, page), func(t *testing.T) {
				open(t, ctx, url+page, w, "light")
				if want, ok := desktop[page]; ok {
					if have := tableRoles(t, ctx); !maps.Equal(have, want) {
						t.Errorf("the tables for a screen reader: have %v, want %v as at 1280 px", have, want)
					}
				}
				var a amounts
				evalJSON(t, ctx, amountsJS, &a)
				if a.ScrollWidth > a.ClientWidth {
					t.Errorf("the page scrolls sideways: scrollWidth %d > clientWidth %d", a.ScrollWidth, a.ClientWidth)
				}
				if a.ClientWidth != int(w) {
					t.Errorf("clientWidth: have %d, want %d", a.ClientWidth, w)
				}
				for _, p := range a.Problems {
					t.Error(p)
				}
				min := map[string]int{"impact/": 40, yearPage: 20, figuresPost: 10}[page]
				if a.Count < min {
					t.Errorf("amounts found: have %d, want at least %d", a.Count, min)
				}
			})
		}
	}
}

// TestLookDesktop: at desktop width the tables are laid out as tables,
// with their column headers shown, and nothing scrolls sideways.
func TestLookDesktop(t *testing.T) {
	ctx := newBrowser(t)
	url, _ := lookSite(t)
	for _, page := range figurePages {
		t.Run(page, func(t *testing.T) {
			open(t, ctx, url+page, 1280, "light")
			var res struct {
				Tables   int
				Problems []string
				amounts
			}
			evalJSON(t, ctx, `(() => {
  const out = {tables: 0, problems: []};
  for (const t of document.querySelectorAll("main table")) {
    out.tables++;
    const cap = t.querySelector("caption, thead th");
    const name = cap ? cap.textContent.trim() : "a table";
    for (const row of t.querySelectorAll("tr")) {
      if (getComputedStyle(row).display !== "table-row") { out.problems.push(name + ": a row is display " + getComputedStyle(row).display); break; }
    }
    const th = t.querySelector("thead th");
    if (th && th.getBoundingClientRect().height === 0) out.problems.push(name + ": column headers hidden");
  }
  const a = JSON.parse(`+amountsJS+`);
  out.scrollWidth = a.scrollWidth; out.clientWidth = a.clientWidth; out.count = a.count;
  out.problems.push(...a.problems);
  return JSON.stringify(out);
})()`, &res)
			if res.Tables < 2 {
				t.Errorf("tables: have %d, want at least 2", res.Tables)
			}
			if res.ScrollWidth > res.ClientWidth {
				t.Errorf("the page scrolls sideways: scrollWidth %d > clientWidth %d", res.ScrollWidth, res.ClientWidth)
			}
			for _, p := range res.Problems {
				t.Error(p)
			}
		})
	}
}

// axeJS runs axe-core, already injected, and returns its violations.
const axeJS = `axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.map(v => ({
  id: v.id, help: v.help,
  nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary.replace(/\s+/g, " "))
}))))`

type violation struct {
	ID    string
	Help  string
	Nodes []string
}

// TestLookDarkMode: with prefers-color-scheme: dark every page has another
// background, and axe-core (every rule it runs by default, colour contrast
// among them) finds no violation on the home page, the posts, /impact/,
// a year's impact page, the archive, the tags, the 404 page, a standalone
// page and the French pages, in light mode or dark, at desktop
// width and at the narrowest phone's.
func TestLookDarkMode(t *testing.T) {
	axeSrc, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t)
	url, pages := lookSite(t)
	pages = append(pages, "archive/", "tags/", "tags/carbon/", "search/", "404.html", "about/", // every kind of page
		"fr/", "fr/posts/our-small-victories-of-2020/", "fr/impact/", "fr/"+yearPage) // and in French
	bg := map[string]string{}
	for _, scheme := range []string{"light", "dark"} {
		for _, w := range []int64{1280, 360} {
			for _, page := range pages {
				t.Run(fmt.Sprintf("%s/%d/%s", scheme, w, page), func(t *testing.T) {
					open(t, ctx, url+page, w, scheme)
					b, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
					if err != nil {
						t.Fatal(err)
					}
					if prev, ok := bg[scheme+page]; ok && prev != b {
						t.Errorf("background: %s at one width, %s at another", prev, b)
					}
					bg[scheme+page] = b
					if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(axeSrc))); err != nil {
						t.Fatalf("injecting axe-core: %v", err)
					}
					var vs []violation
					evalJSON(t, ctx, axeJS, &vs)
					for _, v := range vs {
						t.Errorf("axe %s: %s\n\t%s", v.ID, v.Help, strings.Join(v.Nodes, "\n\t"))
					}
				})
			}
		}
	}
	for _, page := range pages {
		if bg["light"+page] == bg["dark"+page] {
			t.Errorf("%s: the same background in light and dark mode: %s", page, bg["light"+page])
		}
	}
	if dir := os.Getenv("IMPACTBLOG_SHOTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, page := range figurePages {
			for _, w := range []int64{390, 1280} {
				for _, scheme := range []string{"light", "dark"} {
					open(t, ctx, url+page, w, scheme)
					png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
					if err != nil {
						t.Fatal(err)
					}
					name := fmt.Sprintf("%s-%d-%s.png", strings.Trim(strings.ReplaceAll(strings.TrimPrefix(page, "posts/"), "/", "-"), "-"), w, scheme)
					if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
}
