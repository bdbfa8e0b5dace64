package post

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/impactblog/impactblog/internal/entry"
	"github.com/impactblog/impactblog/internal/impact"
)

// donationSrc is a post with one donation: recipient R, then the lines
// given, each indented under the entry. Line 6 is the first of them, at
// column 7.
func donationSrc(lines ...string) string {
	return "\n---\ntitle: x\nimpact:\n  donations:\n    - recipient: R\n      " + strings.Join(lines, "\n      ") + "\n---\n"
}

// TestDonationKinds: each kind, in any case, and what it needs; in every
// format, an in-kind gift's items and evidence are read.
func TestDonationKinds(t *testing.T) {
	smartphones := []impact.Item{{What: "smartphone", Count: 120}, {What: "laptop", Count: 35}}
	tests := []struct {
		name, src string
		kind      impact.DonationKind
		amount    string // the donation's Money, or "" for none
		items     []impact.Item
		evidence  string
	}{
		{"money by default", donationSrc("amount: 10"), impact.Gift, "10.00 GBP", nil, ""},
		{"money", donationSrc("kind: Money", "amount: 10"), impact.Gift, "10.00 GBP", nil, ""},
		{"sponsorship", donationSrc("kind: sponsorship", "amount: 10"), impact.Sponsorship, "10.00 GBP", nil, ""},
		{"purchase", donationSrc("kind: PURCHASE", "amount: 10", "currency: EUR"), impact.Purchase, "10.00 EUR", nil, ""},
		{"in kind, no value", donationSrc("kind: in-kind", "items:", "  - what: smartphone", "    count: 120", "  - {what: \" laptop \", count: \"35\"}"),
			impact.InKind, "", smartphones, ""},
		{"in kind, declared value, amount first", donationSrc("amount: 3000", "currency: EUR", "kind: In-Kind", "items: [{what: smartphone, count: 120}, {what: laptop, count: 35}]"),
			impact.InKind, "3000.00 EUR", smartphones, ""},
		{"in kind, one item as a table", donationSrc("kind: in-kind", "items: {what: smartphone, count: 120}"),
			impact.InKind, "", smartphones[:1], ""},
		{"in kind, amount empty", donationSrc("kind: in-kind", "amount:", "items: [{what: smartphone, count: 120}]"),
			impact.InKind, "", smartphones[:1], ""},
		{"evidence, a file", donationSrc("amount: 10", "evidence: receipt.pdf", "recipient_id: England and Wales charity 1081247"),
			impact.Gift, "10.00 GBP", nil, "receipt.pdf"},
		{"TOML", "+++\ntitle = \"x\"\n[[impact.donations]]\nrecipient = \"R\"\nkind = \"in-kind\"\nevidence = \"https://example.org/letter\"\n" +
			"items = [\n  { what = \"smartphone\", count = 120 },\n  { what = \"laptop\", count = 35 },\n]\n+++\n",
			impact.InKind, "", smartphones, "https://example.org/letter"},
		{"JSON", "{\n\"title\": \"x\",\n\"impact\": {\"donations\": [{\"recipient\": \"R\", \"kind\": \"in-kind\", \"amount\": \"3000\",\n" +
			"  \"items\": [{\"what\": \"smartphone\", \"count\": 120}, {\"what\": \"laptop\", \"count\": 35}], \"evidence\": \"letters/break-poverty.pdf\"}]}\n}\n\n",
			impact.InKind, "3000.00 GBP", smartphones, "letters/break-poverty.pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, probs := Parse(f, text(tt.src), options(t))
			if probs != nil {
				t.Fatal(probs)
			}
			if len(p.Donations) != 1 {
				t.Fatalf("have: %d donations want: 1", len(p.Donations))
			}
			d := p.Donations[0]
			amount := ""
			if d.Money != (impact.Money{}) {
				amount = d.Money.String()
			}
			if d.Kind != tt.kind || amount != tt.amount || !reflect.DeepEqual(d.Items, tt.items) || d.Evidence != tt.evidence {
				t.Errorf("have: kind %q, amount %q, items %v, evidence %q\nwant: kind %q, amount %q, items %v, evidence %q",
					d.Kind, amount, d.Items, d.Evidence, tt.kind, tt.amount, tt.items, tt.evidence)
			}
		})
	}
}

// TestDonationEvidence: a donation's evidence, as written, and the files
// it attaches to the post, each with where it is written.
func TestDonationEvidence(t *testing.T) {
	src := "\n---\ntitle: x\nimpact:\n  donations:\n" +
		"    - {recipient: A, amount: 1, evidence: receipt.pdf, recipient_id: \" charity 1081247 \"}\n" +
		"    - {recipient: B, amount: 1, evidence: \"https://example.org/r?id=1#p2\"}\n" +
		"    - {recipient: C, amount: 1, evidence: ../2020/letters/c.pdf}\n" +
		"    - {recipient: D, amount: 1, evidence: \"./d e.pdf\"}\n---\n"
	p, probs := Parse("posts/2021/2021-01-15-x.md", text(src), options(t))
	if probs != nil {
		t.Fatal(probs)
	}
	var ev []string
	for _, d := range p.Donations {
		ev = append(ev, d.Evidence)
	}
	if want := []string{"receipt.pdf", "https://example.org/r?id=1#p2", "../2020/letters/c.pdf", "./d e.pdf"}; !reflect.DeepEqual(ev, want) {
		t.Errorf("evidence\nhave: %q\nwant: %q", ev, want)
	}
	if have := p.Donations[0].RecipientID; have != "charity 1081247" {
		t.Errorf("recipient_id: have %q want %q", have, "charity 1081247")
	}
	want := []Attachment{
		{Key: "evidence", Path: "receipt.pdf", Pos: Pos{Line: 5, Col: 43}},
		{Key: "evidence", Path: "../2020/letters/c.pdf", Pos: Pos{Line: 7, Col: 43}},
		{Key: "evidence", Path: "./d e.pdf", Pos: Pos{Line: 8, Col: 43}},
	}
	if !reflect.DeepEqual(p.Attachments, want) {
		t.Errorf("attachments\nhave: %+v\nwant: %+v", p.Attachments, want)
	}
	if p, _ := Parse(f, text(donationSrc("amount: 1")), options(t)); p.Attachments != nil {
		t.Errorf("attachments of a post without evidence: have %v want nil", p.Attachments)
	}
}

// TestDonationProblems: each rule of kind, items, amount, evidence and
// recipient_id, at the place to fix.
func TestDonationProblems(t *testing.T) {
	inKind := func(lines ...string) string { return donationSrc(append([]string{"kind: in-kind"}, lines...)...) }
	runProblems(t, []problemCase{
		// kind
		{name: "kind misspelled", src: donationSrc("amount: 1", "kind: inkind"),
			want: []want{{f + ":7:13", `kind "inkind" is not a kind of donation: did you mean in-kind?`}}},
		{name: "kind unknown", src: donationSrc("amount: 1", "kind: loan"),
			want: []want{{f + ":7:13", `kind "loan" is not a kind of donation: write money, in-kind, sponsorship or purchase`}}},
		{name: "kind a list", src: donationSrc("amount: 1", "kind: [money]"),
			want: []want{{f + ":7:13", `kind must be money, in-kind, sponsorship or purchase, not a list`}}},
		{name: "kind unknown, no amount: the kind alone", src: donationSrc("kind: gift"),
			want: []want{{f + ":6:13", `kind "gift" is not a kind of donation`}}},
		// amount
		{name: "money needs amount", src: donationSrc("kind: money"),
			want: []want{{f + ":5:7", `a donation needs amount: add "amount: 45000"`}}},
		{name: "sponsorship needs amount", src: donationSrc("kind: sponsorship"),
			want: []want{{f + ":5:7", `a donation needs amount`}}},
		{name: "purchase needs amount", src: donationSrc("kind: purchase", "project: x"),
			want: []want{{f + ":5:7", `a donation needs amount`}}},
		{name: "in kind: a bad value still a problem", src: inKind("amount: £3000", "items: [{what: laptop, count: 1}]"),
			want: []want{{f + ":7:15", `amount `}}},
		{name: "in kind: a value in an unknown currency", src: inKind("amount: 3000", "currency: XYZ", "items: [{what: laptop, count: 1}]"),
			want: []want{{f + ":8:17", `XYZ`}}},
		// items
		{name: "in kind needs items", src: inKind("amount: 10"),
			want: []want{{f + ":6:7", `a donation of kind: in-kind needs items, what was given: add "items: [{what: smartphone, count: 120}]"`}}},
		{name: "in kind needs items, in TOML", src: "+++\ntitle = \"x\"\n[[impact.donations]]\nrecipient = \"R\"\nkind = \"in-kind\"\n+++\n",
			want: []want{{f + ":5:1", `add "items: [{ what = "smartphone", count = 120 }]"`}}},
		{name: "in kind, items empty", src: inKind("items: []"),
			want: []want{{f + ":7:7", `items is empty: a donation of kind: in-kind needs what was given`}}},
		{name: "items on money", src: donationSrc("amount: 10", "items: [{what: laptop, count: 1}]"),
			want: []want{{f + ":7:7", `items are for kind: in-kind: add "kind: in-kind"`}}},
		{name: "items on money, written as kind: money", src: donationSrc("kind: money", "amount: 10", "items:", "  - {what: laptop, count: 1}"),
			want: []want{{f + ":8:7", `items are for kind: in-kind: add "kind: in-kind"`}}},
		{name: "items on a sponsorship", src: donationSrc("kind: sponsorship", "amount: 10", "items: [{what: laptop, count: 1}]"),
			want: []want{{f + ":8:7", `items are for kind: in-kind, and this donation is kind: sponsorship: remove items, or make it kind: in-kind`}}},
		{name: "an item as text, with a hint", src: inKind("items:", "  - 120 smartphones"),
			want: []want{{f + ":8:11", `each of items must be a table of what and count, such as {what: smartphone, count: 120}, not a single value: write {what: smartphones, count: 120}`}}},
		{name: "an item as text, no hint", src: inKind("items: [smartphones]"),
			want: []want{{f + ":7:15", `each of items must be a table of what and count, such as {what: smartphone, count: 120}, not a single value`}}},
		{name: "items as text", src: inKind("items: 1,200 laptops"),
			want: []want{{f + ":7:14", `items must be a list of what was given, such as [{what: smartphone, count: 120}], not a single value: write {what: laptops, count: 1200}`}}},
		{name: "an item as a name and its count", src: inKind("items: [{smartphones: 120}]"),
			want: []want{{f + ":7:16", `each of items is a table of what and count: write {what: smartphones, count: 120}`}}},
		{name: "an item without what", src: inKind("items: [{count: 120}]"),
			want: []want{{f + ":7:15", `an item needs what: add "what: smartphone"`}}},
		{name: "an item without count", src: inKind("items:", "  - what: laptop"),
			want: []want{{f + ":8:11", `an item needs count: add "count: 120"`}}},
		{name: "an item with another key", src: inKind("items: [{what: laptop, count: 1, value: 300}]"),
			want: []want{{f + ":7:40", `unknown key "value" in an item of items`}}},
		{name: "what on two lines", src: inKind("items: [{what: \"lap\\ntop\", count: 1}]"),
			want: []want{{f + ":7:22", `what is on more than one line`}}},
		{name: "what a list", src: inKind("items: [{what: [a], count: 1}]"),
			want: []want{{f + ":7:22", `what must be a single value, not a list`}}},
		{name: "count 0", src: inKind("items: [{what: laptop, count: 0}]"),
			want: []want{{f + ":7:37", `count must be more than zero, not 0: leave the item out`}}},
		{name: "count negative", src: inKind("items: [{what: laptop, count: -3}]"),
			want: []want{{f + ":7:37", `count must be more than zero, not -3`}}},
		{name: "count a fraction", src: inKind("items: [{what: laptop, count: 2.5}]"),
			want: []want{{f + ":7:37", `count must be a whole number such as 120, not "2.5"`}}},
		{name: "count with words", src: inKind("items: [{what: laptop, count: 35 laptops}]"),
			want: []want{{f + ":7:37", `count must be a whole number such as 120, not "35 laptops"`}}},
		{name: "count with a separator", src: inKind("items: [{what: laptop, count: \"1,200\"}]"),
			want: []want{{f + ":7:37", `count "1,200": write it without separators: 1200`}}},
		{name: "count huge", src: inKind("items: [{what: laptop, count: 99999999999999999999}]"),
			want: []want{{f + ":7:37", `count 99999999999999999999 is more than 1000000000000, surely a typo`}}},
		{name: "two bad items, each reported", src: inKind("items:", "  - {what: a, count: x}", "  - {what: b, count: 0}"),
			want: []want{{f + ":8:28", `count must be a whole number`}, {f + ":9:28", `count must be more than zero`}}},
		// evidence
		{name: "evidence absolute", src: donationSrc("amount: 1", "evidence: /etc/passwd"),
			want: []want{{f + ":7:17", `evidence "/etc/passwd" is an absolute path: write the file's path from the post's folder, such as receipt.pdf`}}},
		{name: "evidence a site path", src: donationSrc("amount: 1", "evidence: //example.org/r.pdf"),
			want: []want{{f + ":7:17", `is an absolute path`}}},
		{name: "evidence climbing out of posts", src: donationSrc("amount: 1", "evidence: ../site.toml"),
			want: []want{{f + ":7:17", `evidence "../site.toml" climbs out of posts/: put the file beside the post`}}},
		{name: "evidence climbing out, deeper", file: "posts/2021/2021-01-15-x.md", src: donationSrc("amount: 1", "evidence: ../a/../../../secret"),
			want: []want{{"posts/2021/2021-01-15-x.md:7:17", `climbs out of posts/`}}},
		{name: "evidence javascript", src: donationSrc("amount: 1", "evidence: \"javascript:alert(1)\""),
			want: []want{{f + ":7:17", `evidence must be an http or https address, or the path of a file beside the post such as receipt.pdf, not "javascript:alert(1)"`}}},
		{name: "evidence file URL", src: donationSrc("amount: 1", "evidence: file:///etc/passwd"),
			want: []want{{f + ":7:17", `evidence must be an http or https address`}}},
		{name: "evidence data URL", src: donationSrc("amount: 1", "evidence: \"data:text/html,<b>x</b>\""),
			want: []want{{f + ":7:17", `evidence must be an http or https address`}}},
		{name: "evidence a Windows path", src: donationSrc("amount: 1", "evidence: 'C:\\receipts\\r.pdf'"),
			want: []want{{f + ":7:17", `evidence must be an http or https address`}}},
		{name: "evidence with a backslash", src: donationSrc("amount: 1", "evidence: 'receipts\\r.pdf'"),
			want: []want{{f + ":7:17", `holds \: write the path with /`}}},
		{name: "evidence with a fragment", src: donationSrc("amount: 1", "evidence: \"r.pdf#page=2\""),
			want: []want{{f + ":7:17", `evidence "r.pdf#page=2" holds '#', which a file's address cannot: rename the file`}}},
		{name: "evidence http without a host", src: donationSrc("amount: 1", "evidence: \"https:/r.pdf\""),
			want: []want{{f + ":7:17", `evidence must be an http or https address`}}},
		{name: "evidence on two lines", src: donationSrc("amount: 1", "evidence: \"r.pdf\\nx\""),
			want: []want{{f + ":7:17", `evidence is on more than one line`}}},
		{name: "evidence a list", src: donationSrc("amount: 1", "evidence: [a.pdf, b.pdf]"),
			want: []want{{f + ":7:17", `evidence must be text, not a list`}}},
		// recipient_id
		{name: "recipient_id on two lines", src: donationSrc("amount: 1", "recipient_id: \"charity\\n1081247\""),
			want: []want{{f + ":7:21", `recipient_id is on more than one line`}}},
		{name: "recipient_id misspelled", src: donationSrc("amount: 1", "recipent_id: 1081247"),
			want: []want{{f + ":7:7", `unknown key "recipent_id" in a donation: did you mean recipient_id?`}}},
	})
}

// TestScaffoldDonation: new's scaffold, uncommented, gives a donation with
// its kind, evidence and recipient id; its items line, uncommented too,
// is a problem that says to add kind: in-kind.
func TestScaffoldDonation(t *testing.T) {
	day := time.Date(2021, 1, 15, 0, 0, 0, 0, time.UTC)
	uncomment := func(items bool) string {
		var src strings.Builder
		src.WriteString("---\ntitle: x\n")
		for _, l := range strings.Split(entry.Scaffold(day, "EUR"), "\n") {
			if after, ok := strings.CutPrefix(l, "# "); ok && (after == "impact:" || strings.HasPrefix(after, "  ")) {
				l = after
			}
			if items {
				l = strings.Replace(l, "# items:", "items:", 1)
			}
			src.WriteString(l + "\n")
		}
		return src.String() + "---\n"
	}
	p, probs := Parse(f, []byte(uncomment(false)), Options{})
	if probs != nil {
		t.Fatal(probs)
	}
	if d := p.Donations[0]; d.Kind != impact.Gift || d.Evidence == "" || d.RecipientID == "" || d.Items != nil {
		t.Errorf("donation: %+v", d)
	}
	_, probs = Parse(f, []byte(uncomment(true)), Options{})
	if len(probs) != 1 || !strings.Contains(probs[0].Error(), `items are for kind: in-kind: add "kind: in-kind"`) {
		t.Errorf("have: %v want: items are for kind: in-kind", probs)
	}
}
