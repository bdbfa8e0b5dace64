package impact

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestInKindTotals: items are counted per kind of item (case and spaces
// folded, shown as first written), per year and per recipient; a declared
// value joins the money totals and the valuations, a gift in kind without
// one joins neither; a sponsorship and a purchase are in no total.
func TestInKindTotals(t *testing.T) {
	a := Source{File: "posts/a.md"}
	ds := []Donation{
		{Recipient: "Play Joué", Kind: InKind, Date: day(t, "2020-12-01"), Source: a,
			Items: []Item{{What: "Smartphone", Count: 120}, {What: "laptop", Count: 35}}},
		{Recipient: "Break Poverty", Kind: InKind, Date: day(t, "2020-12-02"), Source: a, Money: *money(t, "5000", "GBP"),
			Items: []Item{{What: "smartphone ", Count: 80}, {What: "tablet", Count: 10}}},
		{Recipient: "Break Poverty", Money: *money(t, "1000", "GBP"), Date: day(t, "2021-01-10"), Source: a},
		{Recipient: "Marathon", Kind: Sponsorship, Money: *money(t, "9999", "GBP"), Date: day(t, "2021-03-01"), Source: a},
		{Recipient: "Shop", Kind: Purchase, Money: *money(t, "7777", "EUR"), Date: day(t, "2021-03-02"), Source: a},
	}
	tot := totals(1, ds, nil)
	for _, tt := range []struct{ name, have, want string }{
		{"count", itoa(tot.Donations.Count), "3"},
		{"in kind", itoa(tot.InKind.Count), "2"},
		{"total", sums(tot.Donations.Total), "6000.00 GBP"},
		{"valuations", sums(tot.Donations.Valuations), "5000.00 GBP"},
		{"items", counts(tot.InKind.Items), "laptop=35 Smartphone=200 tablet=10"},
		{"2020", counts(tot.InKind.ByYear["2020"]), "laptop=35 Smartphone=200 tablet=10"},
		{"2021", counts(tot.InKind.ByYear["2021"]), ""},
		{"Play Joué", counts(tot.InKind.ByRecipient["Play Joué"]), "laptop=35 Smartphone=120"},
		{"Break Poverty", counts(tot.InKind.ByRecipient["Break Poverty"]), "smartphone=80 tablet=10"},
		{"Break Poverty's money", sums(tot.Donations.ByRecipient["Break Poverty"]), "6000.00 GBP"},
		{"Play Joué's money", sums(tot.Donations.ByRecipient["Play Joué"]), ""},
		{"recipients", strings.Join(tot.Recipients(), ", "), "Break Poverty, Play Joué"},
		{"payments", itoa(tot.Payments), "2"},
		{"years", strings.Join(tot.Years(), ", "), "2021, 2020"},
		{"devices", itoa(int(tot.InKind.Items.Total())), "245"},
	} {
		if tt.have != tt.want {
			t.Errorf("%s: have %q, want %q", tt.name, tt.have, tt.want)
		}
	}
	var kinds []string
	for i := range tot.Entries {
		e := &tot.Entries[i]
		kinds = append(kinds, e.Kind()+"/"+e.Row().DonationKind)
	}
	if have, want := strings.Join(kinds, " "), "donation/in-kind donation/in-kind donation/money sponsorship/sponsorship purchase/purchase"; have != want {
		t.Errorf("kinds: have %q, want %q", have, want)
	}
	if r := tot.Entries[1].Row(); !r.Valuation || r.Amount != "5000.00" || len(r.Items) != 2 {
		t.Errorf("a valued gift in kind: have %+v", r)
	}
	if r := tot.Entries[0].Row(); r.Valuation || r.Amount != "" || r.Currency != "" {
		t.Errorf("a gift in kind without a value: have %+v", r)
	}
	b, _ := json.Marshal(tot.InKind)
	if want := `{"count":2,"items":{"laptop":35,"Smartphone":200,"tablet":10},"by_year":{"2020":{"laptop":35,"Smartphone":200,"tablet":10}},"by_recipient":{"Break Poverty":{"smartphone":80,"tablet":10},"Play Joué":{"laptop":35,"Smartphone":120}}}`; string(b) != want {
		t.Errorf("in_kind:\nhave %s\nwant %s", b, want)
	}
	// With rates, a sponsorship needs none: it is converted into nothing.
	rates := NewRates(cur(t, "GBP"))
	if _, err := Compute(1, pointers(ds), nil, WithRates(rates)); err != nil {
		t.Errorf("with rates: %v", err)
	}
}

// TestOffsetTypes: removals and avoidance are totalled apart, overall, per
// year and per provider; an offset with no type is unspecified.
func TestOffsetTypes(t *testing.T) {
	tn := func(s string) Tonnes { return Tonnes{dec(t, s)} }
	os := []Offset{
		{Provider: "Puro", Tonnes: tn("2.5"), Type: Removal, Date: day(t, "2024-01-01")},
		{Provider: "Verra", Tonnes: tn("100"), Type: Avoidance, Date: day(t, "2024-02-01")},
		{Provider: "Verra", Tonnes: tn("10"), Date: day(t, "2023-02-01")},
	}
	tot := totals(1, nil, os)
	split := func(s TypeSplit) string {
		return s.Removal.String() + " " + s.Avoidance.String() + " " + s.Unspecified.String()
	}
	for _, tt := range []struct{ name, have, want string }{
		{"all", split(tot.Offsets.ByType), "2.500 100.000 10.000"},
		{"total", tot.Offsets.Tonnes.String(), "112.500"},
		{"2024", split(tot.Offsets.ByYear["2024"].ByType), "2.500 100.000 0.000"},
		{"Verra", split(tot.Offsets.ByProvider["Verra"].ByType), "0.000 100.000 10.000"},
	} {
		if tt.have != tt.want {
			t.Errorf("%s: have %q, want %q", tt.name, tt.have, tt.want)
		}
	}
}

// TestEmissionTotals: emissions by scope and by scope 3 category, in
// tonnes where given; a share is counted but never made tonnes; no net
// figure is made of emissions and offsets.
func TestEmissionTotals(t *testing.T) {
	es := []*Emission{
		{What: "Deliveries", Share: decimal.NewFromInt(60), Scope: 3, Category: 4, Source: Source{File: "posts/a.md"}},
		{What: "Offices", Tonnes: Tonnes{dec(t, "2.5")}, Scope: 2, Source: Source{File: "posts/a.md"}},
		{What: "Couriers", Tonnes: Tonnes{dec(t, "18.8")}, Scope: 3, Category: 9, Source: Source{File: "posts/b.md"}},
		{What: "Travel", Tonnes: Tonnes{dec(t, "1")}, Scope: 3, Source: Source{File: "posts/b.md"}},
		{What: "Other", Tonnes: Tonnes{dec(t, "0.5")}, Source: Source{File: "posts/b.md"}},
	}
	tot, _ := Compute(2, nil, nil, WithEmissions(es))
	sum := func(s *EmissionSum) string {
		if s == nil {
			return "none"
		}
		return itoa(s.Count) + " " + s.Tonnes.String() + " " + itoa(s.AsShares)
	}
	em := &tot.Emissions
	for _, tt := range []struct{ name, have, want string }{
		{"count", itoa(em.Count), "5"},
		{"tonnes", em.Tonnes.String(), "22.800"},
		{"as shares", itoa(em.AsShares), "1"},
		{"scope 2", sum(em.ByScope["2"]), "1 2.500 0"},
		{"scope 3", sum(em.ByScope["3"]), "3 19.800 1"},
		{"no scope", sum(em.ByScope[Unspecified]), "1 0.500 0"},
		{"category 4", sum(em.ByCategory["4"]), "1 0.000 1"},
		{"category 9", sum(em.ByCategory["9"]), "1 18.800 0"},
		{"no category", sum(em.ByCategory[Unspecified]), "1 1.000 0"},
		{"scopes", strings.Join(em.Scopes(), " "), "2 3 unspecified"},
		{"categories", strings.Join(em.Categories(), " "), "4 9 unspecified"},
		{"ids", tot.Entries[0].ID() + " " + tot.Entries[2].ID(), EntryID("posts/a.md", 'e', 0) + " " + EntryID("posts/b.md", 'e', 0)},
		{"row", tot.Entries[0].Row().Kind + " " + tot.Entries[0].Row().Scope + " " + tot.Entries[0].Row().Category + " " + tot.Entries[0].Row().Share, "emission 3 4 60"},
	} {
		if tt.have != tt.want {
			t.Errorf("%s: have %q, want %q", tt.name, tt.have, tt.want)
		}
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, tot); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.ToLower(b.String()), "net") {
		t.Errorf("impact.json speaks of net:\n%s", b.String())
	}
}

// TestEntryIDsAreStable: an entry's id is made from its post's file and
// its place in its post's list, so a post added before it, an older one,
// changes no other entry's id; and the id is the same in the files.
func TestEntryIDsAreStable(t *testing.T) {
	donations, offsets := sample(t)
	ids := func(tot *Totals) map[string]string {
		out := map[string]string{}
		for i := range tot.Entries {
			e := &tot.Entries[i]
			out[e.Source().Position()+" "+e.Kind()] = e.ID()
		}
		return out
	}
	before := ids(totals(2, donations, offsets))
	older := Donation{Recipient: "WWF", Money: *money(t, "1", "GBP"), Date: day(t, "2019-01-01"), Source: Source{File: "posts/2019-01-01-old.md", Line: 9}}
	after := ids(totals(3, append([]Donation{older}, donations...), offsets))
	for k, id := range before {
		if after[k] != id {
			t.Errorf("%s: id %s became %s", k, id, after[k])
		}
	}
	seen := map[string]bool{}
	for k, id := range after {
		if seen[id] {
			t.Errorf("%s: id %s twice", k, id)
		}
		seen[id] = true
	}
	// A post's entries given apart (as a subset of a post's might be) keep their numbers.
	tot := totals(1, []Donation{donations[0], older, donations[1]}, nil)
	if have, want := tot.Entries[2].ID(), EntryID(donations[1].Source.File, 'd', 1); have != want {
		t.Errorf("interleaved: have %s, want %s", have, want)
	}
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

func counts(c Counts) string {
	var out []string
	for _, it := range c {
		out = append(out, it.What+"="+decimal.NewFromInt(it.Count).String())
	}
	return strings.Join(out, " ")
}
