package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserLanguages drives Chromium against `impactblog serve` on the
// sample blog, in English and French: the French page is in French, its
// language switch leads to the English original and back, and a save of
// the French file reloads the French page.
func TestBrowserLanguages(t *testing.T) {
	ctx := newBrowser(t)
	dir := copyBlog(t)
	r := startServe(t, dir, 0)

	fr := r.url + "fr/posts/our-small-victories-of-2020/"
	if err := chromedp.Do(ctx, chromedp.Navigate(fr)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.documentElement.lang === "fr-FR" && `+bodyHas("Nos petites victoires de 2020")+` && `+bodyHas("janvier 2021"), 10*time.Second, "the French page")
	waitJS(t, ctx, bodyHas("PUR Projet"), time.Second, "the original's figures on the French page")

	// The switch: to the English original, and back.
	click(t, ctx, `nav.languages a[hreflang="en-GB"]`)
	waitJS(t, ctx, `location.pathname === "/posts/our-small-victories-of-2020/" && document.documentElement.lang === "en-GB" && `+bodyHas("Our small victories of 2020"), 5*time.Second, "the English original")
	click(t, ctx, `nav.languages a[hreflang="fr-FR"]`)
	waitJS(t, ctx, `location.pathname === "/fr/posts/our-small-victories-of-2020/"`, 5*time.Second, "back to the French page")
	waitListening(t, r)

	// A save of the French file reloads the French page.
	name := "posts/2021-01-15-our-small-victories-of-2020.fr.md"
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	atomicWrite(t, dir, name, strings.Replace(string(src), "Venez donc voir ce que nous avons fait.", "Venez donc voir ce que nous avons fait cette année.", 1))
	waitJS(t, ctx, bodyHas("ce que nous avons fait cette année.")+` && location.pathname === "/fr/posts/our-small-victories-of-2020/"`, reloadBound, "the French page reloaded with the edit")
}

// click clicks the element selector names, as a reader would.
func click(t *testing.T, ctx context.Context, selector string) {
	t.Helper()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){var e=document.querySelector(`+jsString(selector)+`);if(!e)return false;e.click();return true})()`))
	if err != nil || !ok {
		t.Fatalf("clicking %s: %v (found: %v)", selector, err, ok)
	}
}
