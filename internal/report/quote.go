package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/shopspring/decimal"
)

// A Scope is the entries a figure in prose is computed over: the site's,
// or one post's.
type Scope struct {
	Totals    *impact.Totals // their sums, which say what recipients and providers there are
	Posts     int            // how many posts
	Donations []*impact.Donation
	Offsets   []*impact.Offset
}

// SiteScope is the scope of every entry of t, the site's totals.
func SiteScope(t *impact.Totals) Scope {
	s := Scope{Totals: t, Posts: t.Posts}
	for i := range t.Entries {
		if e := &t.Entries[i]; e.Donation != nil {
			s.Donations = append(s.Donations, e.Donation)
		} else if e.Offset != nil {
			s.Offsets = append(s.Offsets, e.Offset)
		}
	}
	return s
}

// Quotes gives the figures a post's text quotes ({{< total … >}}): a
// markdown.FigureSource.
type Quotes struct {
	Site, Post Scope           // a figure named post.… is the post's
	Rates      *impact.Rates   // the site's, or nil
	Currency   impact.Currency // the site's, for a sum of nothing
	Locale     *locale.Locale
}

// Figure computes one figure with impact.Compute over the entries it
// names, and writes it like the rest of the site.
func (q Quotes) Figure(f *markdown.Figure) (string, error) {
	l := q.Locale
	own, name := f.Own()
	scope, where := q.Site, "on the site"
	if own {
		scope, where = q.Post, "in this post"
	}
	year, recipient, provider := f.Args["year"], f.Args["recipient"], f.Args["provider"]
	totals := scope.Totals
	if recipient != "" && totals.Donations.ByRecipient[recipient] == nil {
		return "", fmt.Errorf("no donation to %q %s: the recipients are %s", recipient, where, quoteAll(totals.Recipients()))
	}
	if provider != "" && totals.Offsets.ByProvider[provider] == nil {
		return "", fmt.Errorf("no offset through %q %s: the providers are %s", provider, where, quoteAll(totals.Providers()))
	}
	var ds []*impact.Donation
	var os []*impact.Offset
	for _, d := range scope.Donations {
		if (year == "" || strconv.Itoa(d.Date.Year()) == year) && (recipient == "" || d.Recipient == recipient) {
			ds = append(ds, d)
		}
	}
	for _, o := range scope.Offsets {
		if (year == "" || strconv.Itoa(o.Date.Year()) == year) && (provider == "" || o.Provider == provider) {
			os = append(os, o)
		}
	}
	t, err := impact.Compute(scope.Posts, ds, os, impact.WithRates(q.Rates))
	if err != nil {
		return "", nil // a missing rate: reported at its entry by the site's totals
	}
	money := func(given impact.Sums, reported func(*impact.Reporting) impact.Money) string {
		if code := f.Args["currency"]; code != "" {
			m, ok := given.Get(code)
			if !ok {
				c, _ := impact.ParseCurrency(code)
				m = impact.Money{Amount: decimal.Zero, Currency: c}
			}
			return l.Money(m)
		}
		if t.Reporting != nil {
			return l.Money(reported(t.Reporting))
		}
		if len(given) == 0 {
			return l.Money(impact.Money{Amount: decimal.Zero, Currency: q.Currency})
		}
		return l.Sums(given)
	}
	switch name {
	case "donations":
		return money(t.Donations.Total, func(r *impact.Reporting) impact.Money { return r.Donations.Total }), nil
	case "donations.count":
		return strconv.Itoa(t.Donations.Count), nil
	case "offsets.tonnes":
		return l.Tonnes(t.Offsets.Tonnes), nil
	case "offsets.cost":
		return money(t.Offsets.Cost, func(r *impact.Reporting) impact.Money { return r.Offsets.Cost }), nil
	case "offsets.count":
		return strconv.Itoa(t.Offsets.Count), nil
	case "posts":
		return strconv.Itoa(q.Site.Posts), nil
	}
	return "", fmt.Errorf("unknown figure %q", f.Name)
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	if len(q) == 0 {
		return "none yet"
	}
	return strings.Join(q, ", ")
}
