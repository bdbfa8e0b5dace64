package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// searchBound is how long the search page may take to show what a query
// finds: the index is read once, then each keystroke is a loop over the
// posts. Generous, for a loaded machine; a failure is not about speed.
const searchBound = 10 * time.Second

// searchSite builds the sample blog for a site under a sub-path,
// https://impact.example.com/blog/, and serves what build wrote at /blog/,
// as a web host would. It returns the URL of the search page.
func searchSite(t *testing.T) string {
	t.Helper()
	dir := copyBlog(t)
	if code, _, errOut := runCmd(t, "build", "-src", dir, "-base-url", "https://impact.example.com/blog/"); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	mux := http.NewServeMux()
	mux.Handle("/blog/", http.StripPrefix("/blog", http.FileServer(http.Dir(filepath.Join(dir, "public")))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + "/blog/search/"
}

// TestBrowserSearch types into the sample blog's search page in Chromium:
// a recipient's name lists its posts, linked under the site's base path,
// a provider's lists both of its posts, newest first, a post with the word
// in its title comes before those with it in their tags, a word without its accent still
// finds it, a nonsense word says nothing was found, and ?q= in the address
// searches as the page opens.
func TestBrowserSearch(t *testing.T) {
	ctx := newBrowser(t)
	page := searchSite(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!document.getElementById("search-form").hidden`, searchBound, "the search form shown")

	// titles is the titles listed, in order, joined by "|".
	const titles = `Array.from(document.querySelectorAll("#search-results li h2 a")).map(a => a.textContent).join("|")`
	const status = `document.getElementById("search-status").textContent`
	search := func(t *testing.T, query string) {
		t.Helper()
		// Emptied as a reader would, then typed key by key.
		if err := chromedp.Do(ctx,
			chromedp.Evaluate[chromedp.Void](`document.getElementById("search-q").select()`),
			chromedp.SendKeys("#search-q", "\b"+query),
		); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name, query, titles, status string
	}{
		{"recipient", "PUR Projet", "Our small victories of 2020", "1 post found"},
		{"recipient in lower case", "wwf", "Our small victories of 2020", "1 post found"},
		{"provider of two posts, newest first", "GoodPlanet", "What our first carbon audit told us|Our small victories of 2020", "2 posts found"},
		{"a title's word first", "carbon", "What our first carbon audit told us|New countries, same promise: giving back in Japan and the US|Our small victories of 2020", "3 posts found"},
		{"without the accent", "atlantica", "New countries, same promise: giving back in Japan and the US", "1 post found"},
		{"nonsense", "xqzvwplk", "", "No posts found for “xqzvwplk”."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			search(t, tt.query)
			waitJS(t, ctx, titles+" === "+jsString(tt.titles)+" && "+status+" === "+jsString(tt.status), searchBound,
				"searching "+tt.query+": "+jsString(tt.titles)+", "+jsString(tt.status))
		})
	}

	t.Run("links under the base path", func(t *testing.T) {
		search(t, "PUR Projet")
		waitJS(t, ctx, titles+` === "Our small victories of 2020"`, searchBound, "PUR Projet's post")
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#search-results li h2 a").getAttribute("href")`))
		if err != nil {
			t.Fatal(err)
		}
		if want := "/blog/posts/our-small-victories-of-2020/"; href != want {
			t.Errorf("the result's link: have %s want: %s", href, want)
		}
		// The live region names the count; the input has a label.
		label, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("label[for=search-q]").textContent`))
		if err != nil || label == "" {
			t.Errorf("the search input has no label (%v)", err)
		}
		// The link leads to the post.
		if err := chromedp.Do(ctx, chromedp.Click("#search-results li h2 a")); err != nil {
			t.Fatal(err)
		}
		waitJS(t, ctx, `location.pathname === "/blog/posts/our-small-victories-of-2020/" && document.querySelector("h1") !== null && document.querySelector("h1").textContent.includes("Our small victories")`,
			searchBound, "the post opened from the result")
	})

	t.Run("query in the address", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(page+"?q=Hackney")); err != nil {
			t.Fatal(err)
		}
		waitJS(t, ctx, titles+` === "Repair Week 2023: what the Back Makers fixed" && `+status+` === "1 post found" && document.getElementById("search-q").value === "Hackney"`,
			searchBound, "?q=Hackney searched as the page opened")
	})
}
