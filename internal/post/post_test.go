package post

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/problem"
)

func currency(t *testing.T, code string) impact.Currency {
	t.Helper()
	c, err := impact.ParseCurrency(code)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func options(t *testing.T) Options {
	t.Helper()
	return Options{Currency: currency(t, "GBP")}
}

// text drops the one newline that starts a raw string, so that line 1 of
// the file is the line after the backquote.
func text(s string) []byte { return []byte(strings.TrimPrefix(s, "\n")) }

// A want is one expected problem: its exact position ("posts/x.md:4:15",
// or "posts/x.md:4" when the column is unknown) and a part of its message.
type want struct{ at, msg string }

func checkProblems(t *testing.T, probs problem.List, wants []want) {
	t.Helper()
	var have []string
	for _, p := range probs {
		have = append(have, p.Error())
		if p.File == "" || p.Line < 0 || p.Col < 0 {
			t.Errorf("have: problem with file %q, line %d, col %d want: a file and no negative position", p.File, p.Line, p.Col)
		}
	}
	if len(probs) != len(wants) {
		t.Fatalf("have: %d problems:\n\t%s\nwant: %d: %v", len(probs), strings.Join(have, "\n\t"), len(wants), wants)
	}
	for i, w := range wants {
		if !strings.HasPrefix(have[i], w.at+": ") || !strings.Contains(have[i], w.msg) {
			t.Errorf("problem %d\nhave: %s\nwant: %s: …%s…", i, have[i], w.at, w.msg)
		}
	}
}

// A problem case is a post with mistakes, and what Parse must say about it.
type problemCase struct {
	name string
	file string // default posts/2021-01-15-x.md
	src  string // one leading newline is dropped
	opts *Options
	want []want
}

func runProblems(t *testing.T, cases []problemCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "posts/2021-01-15-x.md"
			}
			opts := options(t)
			if tt.opts != nil {
				opts = *tt.opts
			}
			_, probs := Parse(file, text(tt.src), opts)
			checkProblems(t, probs, tt.want)
		})
	}
}

const f = "posts/2021-01-15-x.md"

func TestFrontMatterSyntax(t *testing.T) {
	runProblems(t, []problemCase{
		{name: "YAML value with a colon, after blank lines", src: `


---
title: Impact: our year
---
`, want: []want{{f + ":4", `front matter is not valid YAML: mapping values are not allowed in this context: a value holds ": " and needs quotes`}}},
		{name: "YAML on the first line of the front matter", src: `
---
title: a: b
date: 2021-01-15
---
`, want: []want{{f + ":2", "not valid YAML: mapping values are not allowed"}}},
		{name: "YAML quote never closed", src: `
---
title: x
summary: "never closed
date: 2021-01-15
---
`, want: []want{{f + ":3", "not valid YAML: found unexpected end of stream: a quote opened here is never closed"}}},
		{name: "YAML list never closed", src: `
---
title: x
tags: [a, b
date: 2021-01-15
---
`, want: []want{{f + ":3", `a list opened with "[" here is not closed with "]"`}}},
		{name: "YAML bad indentation in a list", src: `
---
title: x
impact:
  donations:
    - recipient: WWF
     amount: 5
---
`, want: []want{{f + ":6", "not valid YAML"}}},
		{name: "YAML tab", src: "---\ntitle: x\n\tdate: 2021-01-15\n---\n",
			want: []want{{f + ":3:1", "indent with spaces, not tabs"}}},
		{name: "YAML reserved character", src: `
---
title: x
author: @camille
---
`, want: []want{{f + ":3", "put the whole value in quotes"}}},
		{name: "YAML alias inside its own anchor", src: `
---
title: x
loop: &a [*a]
---
`, want: []want{{f + ":3:11", "alias *a is used inside its own anchor &a"}}},
		{name: "TOML", src: `
+++
title = "x"
date =
+++
`, want: []want{{f + ":3:7", `front matter is not valid TOML: a value is missing after "=": write one, or remove the key`}}},
		{name: "TOML after blank lines", src: `

+++
title = x
+++
`, want: []want{{f + ":3:9", `front matter is not valid TOML: unexpected character "x" at the start of a value: text must be in quotes`}}},
		{name: "TOML key given twice", src: `
+++
title = "x"
title = "y"
+++
`, want: []want{{f + ":3:1", `front matter is not valid TOML: "title" is given twice (also at line 2): keep one`}}},
		{name: "JSON trailing comma", src: `
{
  "title": "x",
  "date": "2021-01-15",
}

Body.
`, want: []want{{f + ":4:1", "front matter is not valid JSON: invalid character '}' looking for beginning of object key string"}}},
		{name: "JSON between ;;; after a blank line", src: `

;;;
{
  "title": "x"
  "date": "2021-01-15"
}
;;;
`, want: []want{{f + ":5:3", "front matter is not valid JSON: invalid character '\"' after object key:value pair"}}},
		{name: "JSON object never closed", src: `
;;;
{
  "title": "x",
  "tags": ["a"
;;;
`, want: []want{{f + ":4:11", "front matter is not valid JSON: this { or [ is never closed"}}},
		{name: "JSON with something after the object", src: `
;;;
{"title": "x", "date": "2021-01-15"}
{"title": "y"}
;;;
`, want: []want{{f + ":3:1", "there is more after the end of the object"}}},
		{name: "JSON front matter that is a list", src: `
;;;
["title", "x"]
;;;
`, want: []want{{f + ":2:1", `front matter must be a table of keys such as "title: …", not a list`}}},
		{name: "YAML front matter that is text", src: `
---
just some words
---
`, want: []want{{f + ":2:1", "front matter must be a table of keys"}}},
	})
}

func TestFrontMatterMissing(t *testing.T) {
	runProblems(t, []problemCase{
		{name: "YAML never closed", src: `
---
title: x
date: 2021-01-15

Body.
`, want: []want{{f + ":1:1", `front matter opened with "---" is never closed: add a line "---" after its last key`}}},
		{name: "TOML never closed, after a blank line", src: `

+++
title = "x"
`, want: []want{{f + ":2:1", `front matter opened with "+++" is never closed: add a line "+++"`}}},
		{name: "JSON never closed", src: `
{
  "title": "x"
}
Body right after.
`, want: []want{{f + ":1:1", `JSON front matter is never closed: end it with a line holding only "}", followed by an empty line`}}},
		{name: "JSON on one line", src: `
{"title": "x"}

Body.
`, want: []want{{f + ":1:1", `JSON front matter must start with a line holding only "{"`}}},
		{name: "none", src: `
# A title in Markdown

Body.
`, want: []want{{f + ":1:1", `no front matter: start the file with a line "---", then at least "title: …", then a line "---"`}}},
		{name: "none, after blank lines", src: "\n\n\nBody.\n", want: []want{{f + ":3:1", "no front matter"}}},
		{name: "empty file", src: "", want: []want{{f + ":1", "the file is empty: a post needs front matter with at least a title"}}},
		{name: "blank file", src: "\n  \n\t\n", want: []want{{f + ":1", "the file is empty"}}},
		{name: "NUL bytes", src: "---\ntitle: x\x00\n---\n", want: []want{{f + ":1", "the file is not UTF-8 text: save it as UTF-8, or move it out of posts/"}}},
		{name: "not UTF-8", src: "---\ntitle: caf\xe9\n---\n", want: []want{{f + ":1", "the file is not UTF-8 text"}}},
		{name: "a PNG", src: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", want: []want{{f + ":1", "the file is not UTF-8 text"}}},
	})
}

func TestPostProblems(t *testing.T) {
	noCurrency := Options{}
	runProblems(t, []problemCase{
		{name: "title missing", src: `
---
date: 2021-01-15
---
`, want: []want{{f + ":2:1", `title is missing: add a line such as "title: Our small victories of 2020"`}}},
		{name: "title a list", src: `
---
title: [Our, year]
---
`, want: []want{{f + ":2:8", "title must be text, not a list"}}},
		{name: "title a table", src: `
---
title:
  en: Our year
---
`, want: []want{{f + ":3:3", "title must be text, not a table of keys"}}},
		{name: "title empty", src: `
---
title: "  "
---
`, want: []want{{f + ":2:8", "title is empty: give the post a title"}}},
		{name: "title empty, among other problems", src: `
---
title:
slug: a b
---
`, want: []want{{f + ":2:1", "title is empty"}, {f + ":3:7", "slug"}}},
		{name: "title given twice", src: `
---
title: One
title: Two
---
`, want: []want{{f + ":3:1", `"title" is given twice (also at line 2): keep one`}}},
		{name: "bad date", src: `
---
title: x
date: 2021-13-45
---
`, want: []want{{f + ":3:7", `date "2021-13-45" is not a date: write it as 2021-01-15, 2021-01-15T09:30:00Z or "2021-01-15 09:30:00 +0100"`}}},
		{name: "date written the British way", src: `
---
title: x
date: 15/01/2021
---
`, want: []want{{f + ":3:7", `date "15/01/2021" is not a date`}}},
		{name: "date a list", src: `
---
title: x
date: [2021, 1, 15]
---
`, want: []want{{f + ":3:7", "date must be a date such as 2021-01-15, not a list"}}},
		{name: "date missing and none in the file name", file: "posts/our-year.md", src: `
---
title: x
---
`, want: []want{{"posts/our-year.md:2:1", `date is missing: add a line such as "date: 2021-01-15", or start the file name with the date (2021-01-15-our-year.md)`}}},
		{name: "date missing in a page bundle", file: "posts/our-year/index.md", src: `
---
title: x
---
`, want: []want{{"posts/our-year/index.md:2:1", `or start the folder's name with the date (2021-01-15-our-year/)`}}},
		{name: "date in the file name that is not a date", file: "posts/2021-02-30-x.md", src: `
---
title: x
---
`, want: []want{{"posts/2021-02-30-x.md", "the file name's date 2021-02-30 is not a real date: rename the file"}}},
		{name: "updated not a date", src: `
---
title: x
lastmod: soon
---
`, want: []want{{f + ":3:10", `lastmod "soon" is not a date`}}},
		{name: "slug with a space", src: `
---
title: x
slug: a b
---
`, want: []want{{f + ":3:7", `slug "a b" is not a plain name: use only letters, digits and single hyphens, such as "a-b"`}}},
		{name: "slug with a path", src: `
---
title: x
slug: ../x
---
`, want: []want{{f + ":3:7", `slug "../x" is not a plain name: use only letters, digits and single hyphens, such as "x"`}}},
		{name: "no slug from the file name", file: "posts/2021-01-15-___.md", src: `
---
title: x
---
`, want: []want{{"posts/2021-01-15-___.md:2:1", `cannot make a slug from the file name "2021-01-15-___.md": add "slug: some-name"`}}},
		{name: "draft quoted", src: `
---
title: x
draft: "true"
---
`, want: []want{{f + ":3:8", `draft must be true or false without quotes, not "true"`}}},
		{name: "draft yes", src: `
---
title: x
draft: yes
---
`, want: []want{{f + ":3:8", `draft must be true or false, not "yes"`}}},
		{name: "tags a table", src: `
---
title: x
tags:
  a: b
---
`, want: []want{{f + ":4:3", "tags must be a list such as [impact, carbon], not a table of keys"}}},
		{name: "impact a list", src: `
---
title: x
impact: [a]
---
`, want: []want{{f + ":3:9", `impact must be a table of keys such as "donations: …", not a list`}}},
		{name: "unknown key in impact", src: `
---
title: x
impact:
  donation:
    - recipient: WWF
      amount: 5
---
`, want: []want{{f + ":4:3", `unknown key "donation" in impact: did you mean donations?`}}},
		{name: "donations a table", src: `
---
title: x
impact:
  donations:
    recipient: WWF
    amount: 5
---
`, want: []want{{f + ":5:5", `impact.donations must be a list: start each entry with "- "`}}},
		{name: "unknown key in a donation", src: `
---
title: x
impact:
  donations:
    - recipient: WWF
      amout: 45000
---
`, want: []want{
			{f + ":5:7", `a donation needs amount: add "amount: 45000"`},
			{f + ":6:7", `unknown key "amout" in a donation: did you mean amount?`},
		}},
		{name: "unknown key far from any", src: `
---
title: x
impact:
  donations:
    - recipient: WWF
      amount: 5
      reason: fun
---
`, want: []want{{f + ":7:7", `unknown key "reason" in a donation: the keys allowed are recipient, kind, amount, currency, items, project, date, url, evidence, recipient_id`}}},
		{name: "key given twice in a donation", src: `
---
title: x
impact:
  donations:
    - recipient: WWF
      amount: 5
      amount: 6
---
`, want: []want{{f + ":7:7", `"amount" is given twice in a donation (also at line 6): keep one`}}},
		{name: "recipient missing", src: `
---
title: x
impact:
  donations:
    - amount: 45000
      currency: GBP
---
`, want: []want{{f + ":5:7", `a donation needs recipient: add "recipient: WWF"`}}},
		{name: "recipient empty", src: `
---
title: x
impact:
  donations:
    - recipient:
      amount: 45000
---
`, want: []want{{f + ":5:7", `a donation needs recipient`}}},
		{name: "recipient a list", src: `
---
title: x
impact:
  donations:
    - recipient: [WWF, PUR]
      amount: 45000
---
`, want: []want{{f + ":5:18", "recipient must be a single value, not a list"}}},
		{name: "donation not a table", src: `
---
title: x
impact:
  donations:
    - WWF
---
`, want: []want{{f + ":5:7", `each donation must be a table of keys such as "recipient: WWF", not a single value`}}},
		{name: "amount zero", src: `
---
title: x
impact:
  donations:
    - recipient: WWF
      amount: 0
---
`, want: []want{{f + ":6:15", "amount must be more than zero, not 0"}}},
		{name: "amount negative", src: `
---
title: x
impact:
  donations:
    - recipient: WWF
      amount: -5
---
`, want: []want{{f + ":6:15", "amount must be more than zero, not -5"}}},
		{name: "amount with a symbol and a separator", src: `
---
title: x
impact:
  donations:
    - recipient: PUR Projet
      amount: "£112,000"
---
`, want: []want{{f + ":6:15", `amount "£112,000" is not a number: write digits, with an optional decimal point and no currency symbol or thousands separator, such as 112000 or "112000.00"`}}},
		{name: "amount with a decimal comma", src: `
---
title: x
impact:
  donations:
    - recipient: WWF
      amount: 12,5
---
`, want: []want{{f + ":6:15", `such as 12.5 or "12.50"`}}},
		{name: "amount missing", src: `
---
title: x
impact:
  donations:
    - recipient: WWF
---
`, want: []want{{f + ":5:7", `a donation needs amount: add "amount: 45000"`}}},
		{name: "amount a list", src: `
---
title: x
impact:
  donations:
    - recipient: WWF
      amount: [1, 2]
---
`, want: []want{{f + ":6:15", "amount must be a single value, not a list"}}},
		{name: "too many decimals for GBP", src: `
---
title: x
impact:
  donations:
    - recipient: WWF
      amount: 1.005
---
`, want: []want{{f + ":6:15", "amount 1.005 has 3 decimals, but GBP has 2: if its point separates thousands, write 1005; if it is a decimal point, round it to 1.01"}}},
		{name: "decimals for JPY", src: `
---
title: x
impact:
  donations:
    - recipient: Tokyo Digital Bridge
      amount: 10.5
      currency: JPY
---
`, want: []want{{f + ":6:15", "amount 10.5 has decimals, but JPY has no minor unit: write a whole number, such as 11"}}},
		{name: "currency misspelt", src: `
---
title: x
impact:
  donations:
    - recipient: WWF
      amount: 5
      currency: GPB
---
`, want: []want{{f + ":7:17", `unknown currency "GPB": did you mean GBP?`}}},
		{name: "currency in lower case, and a negative amount", src: `
---
title: x
impact:
  donations:
    - recipient: WWF
      amount: -5
      currency: gbp
---
`, want: []want{
			{f + ":6:15", "amount must be more than zero, not -5"},
			{f + ":7:17", `unknown currency "gbp": write it in capitals: GBP`},
		}},
		{name: "currency unknown to ISO", src: `
---
title: x
impact:
  donations:
    - recipient: WWF
      amount: 5
      currency: XYZ
---
`, want: []want{{f + ":7:17", `unknown currency "XYZ": write an ISO 4217 code such as GBP, EUR or USD`}}},
		{name: "currency missing and no site currency", opts: &noCurrency, src: `
---
title: x
impact:
  donations:
    - recipient: WWF
      amount: 5
---
`, want: []want{{f + ":5:7", `a donation needs currency, since the site has no default currency: add "currency: GBP"`}}},
		{name: "donation date", src: `
---
title: x
impact:
  donations:
    - recipient: WWF
      amount: 5
      date: last week
---
`, want: []want{{f + ":7:13", `date "last week" is not a date`}}},
		{name: "provider missing", src: `
---
title: x
impact:
  offsets:
    - tonnes: 31.4
---
`, want: []want{{f + ":5:7", `an offset needs provider: add "provider: GoodPlanet Foundation"`}}},
		{name: "tonnes missing", src: `
---
title: x
impact:
  offsets:
    - provider: GoodPlanet Foundation
      price_per_tonne: 20
---
`, want: []want{{f + ":5:7", `an offset needs tonnes: add "tonnes: 31.4"`}}},
		{name: "tonnes zero", src: `
---
title: x
impact:
  offsets:
    - provider: GoodPlanet Foundation
      tonnes: 0
---
`, want: []want{{f + ":6:15", "tonnes must be more than zero, not 0"}}},
		{name: "tonnes not a number", src: `
---
title: x
impact:
  offsets:
    - provider: GoodPlanet Foundation
      tonnes: 31.4t
---
`, want: []want{{f + ":6:15", `tonnes "31.4t" is not a number`}}},
		{name: "unknown key in an offset", src: `
---
title: x
impact:
  offsets:
    - provider: GoodPlanet Foundation
      tonnes: 31.4
      price: 20
---
`, want: []want{{f + ":7:7", `unknown key "price" in an offset: did you mean price_per_tonne?`}}},
		{name: "cost disagrees with tonnes × price", src: `
---
title: x
impact:
  offsets:
    - provider: GoodPlanet Foundation
      tonnes: 31.4
      price_per_tonne: 20
      cost: 630
---
`, want: []want{{f + ":8:13", "cost 630.00 does not agree with tonnes × price_per_tonne = 31.4 × 20.00 = 628.00: correct one of them, or leave cost out"}}},
		{name: "cost disagrees, provider missing too", src: `
---
title: x
impact:
  offsets:
    - tonnes: 2
      price_per_tonne: 10
      cost: 21
---
`, want: []want{
			{f + ":5:7", "an offset needs provider"},
			{f + ":7:13", "cost 21.00 does not agree"},
		}},
		{name: "price with too many decimals", src: `
---
title: x
impact:
  offsets:
    - provider: GoodPlanet Foundation
      tonnes: 1
      price_per_tonne: 0.125
---
`, want: []want{{f + ":7:24", "price_per_tonne 0.125 has 3 decimals, but GBP has 2"}}},
		{name: "offset currency missing and no site currency", opts: &noCurrency, src: `
---
title: x
impact:
  offsets:
    - provider: GoodPlanet Foundation
      tonnes: 1
      cost: 5
---
`, want: []want{{f + ":5:7", "an offset needs currency"}}},
		{name: "an emission's share over 100", src: `
---
title: x
impact:
  emissions:
    - source: Deliveries
      share: 120
---
`, want: []want{{f + ":6:14", "share is a percentage and cannot be more than 100, not 120"}}},
		{name: "emission shares adding up to more than 100", src: `
---
title: x
impact:
  emissions:
    - source: Deliveries
      share: 60
    - source: Site activity
      share: 50
---
`, want: []want{{f + ":5:7", "the emission shares add up to 110%, more than 100%: correct them"}}},
		{name: "emission with share and tonnes", src: `
---
title: x
impact:
  emissions:
    - source: Deliveries
      share: 60
      tonnes: 3
---
`, want: []want{{f + ":7:15", "an emission takes share or tonnes, not both"}}},
		{name: "emission with neither", src: `
---
title: x
impact:
  emissions:
    - source: Deliveries
---
`, want: []want{{f + ":5:7", `an emission needs share (a percentage) or tonnes: add "share: 60"`}}},
		{name: "several problems, sorted by line", file: "posts/x.md", src: `
---
slug: a b
impact:
  donations:
    - recipient: WWF
      amount: "£45,000"
    - amount: 0
      currency: GPB
  offsets:
    - provider: GoodPlanet Foundation
      tonne: 3
---
`, want: []want{
			{"posts/x.md:2:1", "title is missing"},
			{"posts/x.md:2:1", "date is missing"},
			{"posts/x.md:2:7", `slug "a b" is not a plain name`},
			{"posts/x.md:6:15", `amount "£45,000" is not a number`},
			{"posts/x.md:7:7", "a donation needs recipient"},
			{"posts/x.md:7:15", "amount must be more than zero, not 0"},
			{"posts/x.md:8:17", `unknown currency "GPB": did you mean GBP?`},
			{"posts/x.md:10:7", "an offset needs tonnes"},
			{"posts/x.md:11:7", `unknown key "tonne" in an offset: did you mean tonnes?`},
		}},
	})
}

// The same mistakes in TOML and JSON front matter, where positions are
// found in the text.
func TestTOMLAndJSONProblems(t *testing.T) {
	runProblems(t, []problemCase{
		{name: "TOML arrays of tables", src: `
+++
title = "x"
date = 2021-01-15

[[impact.donations]]
recipient = "PUR Projet"
amount = 112000

[[impact.donations]]
amout = 45000
currency = "GPB"

[[impact.donations]]
recipient = "WWF"
amount = "£45,000"

[[impact.offsets]]
provider = "GoodPlanet Foundation"
tonnes = 31.4
price_per_tonne = 20
cost = 630
+++
`, want: []want{
			{f + ":9:1", "a donation needs recipient"},
			{f + ":9:1", "a donation needs amount"},
			{f + ":10:1", `unknown key "amout" in a donation: did you mean amount?`},
			{f + ":11:12", `unknown currency "GPB": did you mean GBP?`},
			{f + ":15:10", `amount "£45,000" is not a number: write digits, with an optional decimal point and no currency symbol or thousands separator, such as 45000 or "45000.00"`},
			{f + ":21:8", "cost 630.00 does not agree with tonnes × price_per_tonne = 31.4 × 20.00 = 628.00"},
		}},
		{name: "TOML table and inline tables", src: `
+++
title = "x"  # a comment
summary = """
recipient = "not a key"
amount = 0
"""

[impact]
donations = [
  { recipient = "PUR Projet", amount = 0 },
  { amout = 5, recipient = "WWF" },
]
offsets = [{ tonnes = 3 }]
+++
`, want: []want{
			{f + ":10:40", "amount must be more than zero, not 0"},
			{f + ":11:3", "a donation needs amount"},
			{f + ":11:5", `unknown key "amout" in a donation: did you mean amount?`},
			{f + ":13:12", "an offset needs provider"},
		}},
		{name: "TOML dotted keys and a nested table", src: `
+++
title = "x"

[impact.offsets.0]
+++
`, want: []want{{f + ":4:1", "impact.offsets must be a list: start each entry with a line [[impact.offsets]]"}}},
		{name: "JSON object", src: `
{
  "title": "x",
  "date": "2021-01-15",
  "impact": {
    "donations": [
      {"recipient": "PUR Projet", "amount": 112000},
      {"amout": 45000, "currency": "GBP"},
      {
        "recipient": "WWF",
        "amount": "£45,000"
      }
    ]
  }
}

Body.
`, want: []want{
			{f + ":7:7", "a donation needs recipient"},
			{f + ":7:7", "a donation needs amount"},
			{f + ":7:8", `unknown key "amout" in a donation: did you mean amount?`},
			{f + ":10:19", `amount "£45,000" is not a number`},
		}},
		{name: "JSON between ;;;", src: `

;;;
{
  "title": "x",
  "date": "2021-01-15",
  "impact": {"donations": [{"amount": "£45,000", "recipient": "WWF", "amout": 1}]}
}
;;;
`, want: []want{
			{f + ":6:39", `amount "£45,000" is not a number`},
			{f + ":6:70", `unknown key "amout" in a donation: did you mean amount?`},
		}},
		{name: "JSON key given twice", src: `
{
  "title": "x",
  "date": "2021-01-15",
  "title": "y"
}
`, want: []want{{f + ":4:3", `"title" is given twice (also at line 2): keep one`}}},
	})
}

// postString prints what a post says, without positions, so that the same
// post in YAML, TOML and JSON prints the same.
func postString(p *Post) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title=%q slug=%q date=%s updated=%s draft=%v\n", p.Title, p.Slug, p.Date.Format(time.RFC3339), p.Updated.Format(time.RFC3339), p.Draft)
	fmt.Fprintf(&b, "authors=%q tags=%q aliases=%q summary=%q\n", p.Authors, p.Tags, p.Aliases, p.Summary)
	fmt.Fprintf(&b, "params=%v\n", p.Params)
	for _, d := range p.Donations {
		fmt.Fprintf(&b, "donation %q %s %s project=%q url=%q post=%s\n", d.Recipient, d.Money, d.Date.Format("2006-01-02"), d.Project, d.URL, d.Source.Post)
	}
	for _, o := range p.Offsets {
		fmt.Fprintf(&b, "offset %q %s t price=%v cost=%v %s project=%q scope=%q\n", o.Provider, o.Tonnes, o.PricePerTonne, o.Cost, o.Date.Format("2006-01-02"), o.Project, o.Scope)
	}
	for _, e := range p.Emissions {
		fmt.Fprintf(&b, "emission %q share=%s tonnes=%s\n", e.Source, e.Share, e.Tonnes)
	}
	return b.String()
}

func parseOK(t *testing.T, file string, src []byte, opts Options) *Post {
	t.Helper()
	p, probs := Parse(file, src, opts)
	if probs != nil {
		t.Fatalf("have: %v want: no problem", probs)
	}
	if p == nil {
		t.Fatal("have: no post want: a post")
	}
	return p
}

func TestFormatsAgree(t *testing.T) {
	const file = "posts/2021-01-15-our-small-victories-of-2020.md"
	yamlSrc := `
---
title: Our small victories of 2020
date: 2021-01-15
author: Back Market
tags: [impact, carbon]
summary: "The small wins of a hard year."
sample: true
impact:
  donations:
    - recipient: PUR Projet
      amount: 112000
      project: Waste management in Pejarakan, Bali
      date: 2020-12-01
    - recipient: WWF
      amount: "45000.50"
      currency: EUR
  offsets:
    - provider: GoodPlanet Foundation
      tonnes: 31.4
      price_per_tonne: 20
      scope: Black Friday
  emissions:
    - source: Deliveries
      share: 60
    - source: Offices
      tonnes: 2.5
---

Body.
`
	tomlSrc := `
+++
title = "Our small victories of 2020"
date = 2021-01-15
author = "Back Market"
tags = ["impact", "carbon"]
summary = "The small wins of a hard year."
sample = true

[[impact.donations]]
recipient = "PUR Projet"
amount = 112000
project = "Waste management in Pejarakan, Bali"
date = 2020-12-01

[[impact.donations]]
recipient = "WWF"
amount = "45000.50"
currency = "EUR"

[[impact.offsets]]
provider = "GoodPlanet Foundation"
tonnes = 31.4
price_per_tonne = 20
scope = "Black Friday"

[[impact.emissions]]
source = "Deliveries"
share = 60

[[impact.emissions]]
source = "Offices"
tonnes = 2.5
+++

Body.
`
	jsonSrc := `
{
  "title": "Our small victories of 2020",
  "date": "2021-01-15",
  "author": "Back Market",
  "tags": ["impact", "carbon"],
  "summary": "The small wins of a hard year.",
  "sample": true,
  "impact": {
    "donations": [
      {"recipient": "PUR Projet", "amount": 112000, "project": "Waste management in Pejarakan, Bali", "date": "2020-12-01"},
      {"recipient": "WWF", "amount": "45000.50", "currency": "EUR"}
    ],
    "offsets": [{"provider": "GoodPlanet Foundation", "tonnes": 31.4, "price_per_tonne": 20, "scope": "Black Friday"}],
    "emissions": [{"source": "Deliveries", "share": 60}, {"source": "Offices", "tonnes": 2.5}]
  }
}

Body.
`
	wantPost := `title="Our small victories of 2020" slug="our-small-victories-of-2020" date=2021-01-15T00:00:00Z updated=0001-01-01T00:00:00Z draft=false
authors=["Back Market"] tags=["impact" "carbon"] aliases=[] summary="The small wins of a hard year."
params=map[sample:true]
donation "PUR Projet" 112000.00 GBP 2020-12-01 project="Waste management in Pejarakan, Bali" url="" post=/posts/our-small-victories-of-2020/
donation "WWF" 45000.50 EUR 2021-01-15 project="" url="" post=/posts/our-small-victories-of-2020/
offset "GoodPlanet Foundation" 31.400 t price=20.00 GBP cost=628.00 GBP 2021-01-15 project="" scope="Black Friday"
emission "Deliveries" share=60 tonnes=0.000
emission "Offices" share=0 tonnes=2.500
`
	for _, tt := range []struct {
		format, src string
		bodyLine    int
		lines       []int // of the donations and the offset
	}{
		{"YAML", yamlSrc, 28, []int{10, 14, 18}},
		{"TOML", tomlSrc, 34, []int{9, 15, 20}},
		{"JSON", jsonSrc, 18, []int{10, 11, 13}},
	} {
		t.Run(tt.format, func(t *testing.T) {
			p := parseOK(t, file, text(tt.src), options(t))
			if have := postString(p); have != wantPost {
				t.Errorf("\nhave: %s\nwant: %s", have, wantPost)
			}
			if p.BodyLine != tt.bodyLine {
				t.Errorf("BodyLine have: %d want: %d", p.BodyLine, tt.bodyLine)
			}
			lines := []int{p.Donations[0].Source.Line, p.Donations[1].Source.Line, p.Offsets[0].Source.Line}
			if !reflect.DeepEqual(lines, tt.lines) {
				t.Errorf("entry lines have: %v want: %v", lines, tt.lines)
			}
			if p.Donations[0].Source.File != file || p.Donations[0].Source.Title != p.Title {
				t.Errorf("have: source %+v want: file %s and the post's title", p.Donations[0].Source, file)
			}
		})
	}
}

func TestPostFields(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	for _, tt := range []struct {
		name, file, src string
		loc             *time.Location
		want            string // a part of postString
	}{
		{"date", "posts/x.md", `
---
title: x
date: 2021-01-15
---
`, nil, "date=2021-01-15T00:00:00Z"},
		{"date in the site's zone", "posts/x.md", `
---
title: x
date: 2021-01-15
---
`, paris, "date=2021-01-15T00:00:00+01:00"},
		{"RFC 3339 date", "posts/x.md", `
---
title: x
date: 2021-01-15T09:30:00+01:00
---
`, nil, "date=2021-01-15T09:30:00+01:00"},
		{"Jekyll date", "posts/x.md", `
---
title: x
date: 2016-06-03 13:21:02 -0700
---
`, nil, "date=2016-06-03T13:21:02-07:00"},
		{"quoted date", "posts/x.md", `
---
title: x
date: "2022-03-02 10:00:00 +0100"
---
`, nil, "date=2022-03-02T10:00:00+01:00"},
		{"TOML local date-time in the site's zone", "posts/x.md", `
+++
title = "x"
date = 2021-01-15T09:30:00
+++
`, paris, "date=2021-01-15T09:30:00+01:00"},
		{"TOML date-time with an offset", "posts/x.md", `
+++
title = "x"
date = 2021-01-15T00:00:00-05:00
+++
`, paris, "date=2021-01-15T00:00:00-05:00"},
		{"date from the file name", "posts/2021-01-15-our-year.md", `
---
title: x
---
`, nil, `slug="our-year" date=2021-01-15T00:00:00Z`},
		{"date key wins over the file name", "posts/2021-01-15-our-year.md", `
---
title: x
date: 2021-01-20
---
`, nil, "date=2021-01-20T00:00:00Z"},
		{"slug from the file name", "posts/2023/2023-04-20-Repair-Week_2023.markdown", `
---
title: x
---
`, nil, `slug="repair-week-2023"`},
		{"slug from a page bundle", "posts/some-post/index.md", `
---
title: x
date: 2021-01-15
---
`, nil, `slug="some-post"`},
		{"date and slug from a dated page bundle", "posts/2021-01-15-some-post/index.md", `
---
title: x
---
`, nil, `slug="some-post" date=2021-01-15T00:00:00Z`},
		{"slug given", "posts/2021-01-15-x.md", `
---
title: x
slug: Our-Year-2020
---
`, nil, `slug="Our-Year-2020"`},
		{"title trimmed", "posts/2021-01-15-x.md", `
---
title: "  Our year  "
---
`, nil, `title="Our year"`},
		{"categories as tags, with tags", "posts/2021-01-15-x.md", `
---
title: x
categories: [donations, carbon]
tags: [carbon, repair]
---
`, nil, `tags=["donations" "carbon" "repair"]`},
		{"category as one string", "posts/2021-01-15-x.md", `
---
title: x
category: donations
---
`, nil, `tags=["donations"]`},
		{"tags as one string with commas", "posts/2021-01-15-x.md", `
---
title: x
tags: "impact, carbon"
---
`, nil, `tags=["impact" "carbon"]`},
		{"description as summary", "posts/2021-01-15-x.md", `
---
title: x
description: What we did.
---
`, nil, `summary="What we did."`},
		{"excerpt as summary", "posts/2021-01-15-x.md", `
---
title: x
excerpt: What we did.
---
`, nil, `summary="What we did."`},
		{"summary wins over description, written after it", "posts/2021-01-15-x.md", `
---
title: x
description: Not this.
summary: This.
---
`, nil, `summary="This."`},
		{"summary wins over description, written before it", "posts/2021-01-15-x.md", `
---
title: x
summary: This.
description: Not this.
---
`, nil, `summary="This."`},
		{"redirect_from as aliases", "posts/2021-01-15-x.md", `
---
title: x
redirect_from: [/2021/01/old/, /old/]
---
`, nil, `aliases=["/2021/01/old/" "/old/"]`},
		{"authors, draft and updated", "posts/2021-01-15-x.md", `
---
title: x
authors: [Camille, The Impact Team]
draft: true
last_modified_at: 2021-02-01
---
`, nil, `updated=2021-02-01T00:00:00Z draft=true
authors=["Camille" "The Impact Team"]`},
		{"other keys in Params", "posts/2021-01-15-x.md", `
---
title: x
sample: true
image: /img/a.png
weight: 3
hero:
  alt: A tree
---
`, nil, `params=map[hero:map[alt:A tree] image:/img/a.png sample:true weight:3]`},
		{"YAML anchors and merge keys", "posts/2021-01-15-x.md", `
---
title: x
base: &wwf
  recipient: WWF
  currency: EUR
impact:
  donations:
    - <<: *wwf
      amount: 5
    - <<: *wwf
      currency: GBP
      amount: 6
---
`, nil, `donation "WWF" 5.00 EUR 2021-01-15 project="" url="" post=/posts/x/
donation "WWF" 6.00 GBP`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := options(t)
			opts.Location = tt.loc
			p := parseOK(t, tt.file, text(tt.src), opts)
			if have := postString(p); !strings.Contains(have, tt.want) {
				t.Errorf("\nhave: %s\nwant: …%s…", have, tt.want)
			}
		})
	}
}

func TestImpactFigures(t *testing.T) {
	for _, tt := range []struct {
		name, figures string // the impact: table, indented by two spaces
		want          string // a part of postString
	}{
		{"donation in the site's currency on the post's date", `
  donations:
    - recipient: WWF
      amount: 45000
      project: Panda Phone
      url: https://wwf.example/`,
			`donation "WWF" 45000.00 GBP 2021-01-15 project="Panda Phone" url="https://wwf.example/" post=/posts/x/`},
		{"donation with its own date and currency", `
  donations:
    - recipient: Tokyo Digital Bridge
      amount: 150000
      currency: JPY
      date: 2020-12-20`,
			`donation "Tokyo Digital Bridge" 150000 JPY 2020-12-20`},
		{"donation in KWD", `
  donations:
    - recipient: X
      amount: "1.5"
      currency: KWD`,
			`donation "X" 1.500 KWD`},
		{"offset cost computed", `
  offsets:
    - provider: P
      tonnes: 31.4
      price_per_tonne: 20`,
			`offset "P" 31.400 t price=20.00 GBP cost=628.00 GBP 2021-01-15`},
		{"offset cost rounded down", `
  offsets:
    - provider: P
      tonnes: 3.125
      price_per_tonne: 0.10`,
			`cost=0.31 GBP`},
		{"offset cost rounded down, small", `
  offsets:
    - provider: P
      tonnes: 0.125
      price_per_tonne: 0.1`,
			`cost=0.01 GBP`},
		{"offset cost at the half, rounded up", `
  offsets:
    - provider: P
      tonnes: 0.5
      price_per_tonne: 0.01`,
			`cost=0.01 GBP`},
		{"offset cost at the half, away from zero not to even", `
  offsets:
    - provider: P
      tonnes: 0.25
      price_per_tonne: 0.1`,
			`cost=0.03 GBP`},
		{"offset cost in JPY at the half", `
  offsets:
    - provider: P
      tonnes: 1.5
      price_per_tonne: 1
      currency: JPY`,
			`price=1 JPY cost=2 JPY`},
		{"offset cost given and agreeing", `
  offsets:
    - provider: P
      tonnes: "12.5"
      price_per_tonne: "18.40"
      cost: "230.00"
      currency: EUR`,
			`price=18.40 EUR cost=230.00 EUR`},
		{"offset cost given without a price", `
  offsets:
    - provider: P
      tonnes: "3.125"
      cost: "118.75"`,
			`offset "P" 3.125 t price=<nil> cost=118.75 GBP`},
		{"offset with neither cost nor price", `
  offsets:
    - provider: P
      tonnes: 2
      date: 2020-11-27
      project: Trees
      scope: Deliveries`,
			`offset "P" 2.000 t price=<nil> cost=<nil> 2020-11-27 project="Trees" scope="Deliveries"`},
		{"emission shares up to 100", `
  emissions:
    - source: A
      share: 60
    - source: B
      share: "40"`,
			`emission "A" share=60 tonnes=0.000
emission "B" share=40 tonnes=0.000`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\ntitle: x\nimpact:" + tt.figures + "\n---\n"
			p := parseOK(t, "posts/2021-01-15-x.md", []byte(src), options(t))
			if have := postString(p); !strings.Contains(have, tt.want) {
				t.Errorf("\nhave: %s\nwant: …%s…", have, tt.want)
			}
		})
	}
}

func TestBodyLine(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		line      int
		body      string
	}{
		{"YAML", "---\ntitle: x\n---\nBody.\n", 4, "Body.\n"},
		{"YAML after blank lines", "\n\n---\ntitle: x\n---\n\nBody.\n", 6, "\nBody.\n"},
		{"YAML with an empty line after it", "---\ntitle: x\n---\n\nBody.\n", 4, "\nBody.\n"},
		{"YAML with CRLF", "---\r\ntitle: x\r\n---\r\nBody.\r\n", 4, "Body.\r\n"},
		{"YAML with a byte order mark", "\ufeff---\ntitle: x\n---\nBody.\n", 4, "Body.\n"},
		{"TOML", "+++\ntitle = \"x\"\n+++\nBody.\n", 4, "Body.\n"},
		{"JSON", "{\n\"title\": \"x\"\n}\n\nBody.\n", 5, "Body.\n"},
		{"no body", "---\ntitle: x\n---", 3, ""},
		{"JSON between ;;;", ";;;\n{\"title\": \"x\"}\n;;;\nBody.\n", 4, "Body.\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := parseOK(t, "posts/2021-01-15-x.md", []byte(tt.src), options(t))
			if p.BodyLine != tt.line || string(p.Body) != tt.body {
				t.Errorf("have: line %d, body %q want: line %d, body %q", p.BodyLine, p.Body, tt.line, tt.body)
			}
		})
	}
}

// The sample posts shipped with impactblog are all good.
func TestSamplePosts(t *testing.T) {
	files, err := filepath.Glob("../../posts/*.md")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../../posts/*/*.md")
	files = append(files, more...)
	if len(files) == 0 {
		t.Skip("no sample posts")
	}
	for _, file := range files {
		rel := strings.TrimPrefix(filepath.ToSlash(file), "../../")
		t.Run(rel, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			p, probs := Parse(rel, src, options(t))
			if probs != nil {
				t.Fatalf("have: %v want: no problem", probs)
			}
			if p.Title == "" || !slugRE.MatchString(p.Slug) || p.Date.IsZero() || p.BodyLine < 3 {
				t.Errorf("have: title %q, slug %q, date %s, body line %d want: all set", p.Title, p.Slug, p.Date, p.BodyLine)
			}
		})
	}
}

func TestSlugify(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"our-small-victories-of-2020", "our-small-victories-of-2020"},
		{"Our Small Victories!", "our-small-victories"},
		{"  --a__b--  ", "a-b"},
		{"../x", "x"},
		{"café crème", "cafe-creme"},
		{"___", ""},
	} {
		if have := Slugify(tt.in); have != tt.want {
			t.Errorf("Slugify(%q) have: %q want: %q", tt.in, have, tt.want)
		}
	}
}

func TestIsPost(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": true, "a.markdown": true, "posts/x/index.md": true,
		"a.txt": false, "a.md~": false, "a.html": false, ".md.swp": false,
	} {
		if have := IsPost(name); have != want {
			t.Errorf("IsPost(%q) have: %v want: %v", name, have, want)
		}
	}
}

func TestTagsBySlug(t *testing.T) {
	src := "---\ntitle: T\ndate: 2020-01-01\ntags: [Carbon, carbon, \"Café\", cafe]\ncategories: [CARBON]\n---\n"
	p, problems := Parse("posts/t.md", []byte(src), Options{})
	if problems != nil {
		t.Fatal(problems)
	}
	if have := strings.Join(p.Tags, ","); have != "Carbon,Café" {
		t.Errorf("tags: have %s, want Carbon,Café", have)
	}
	_, problems = Parse("posts/t.md", []byte("---\ntitle: T\ndate: 2020-01-01\ntags: [carbon, \"!!!\"]\n---\n"), Options{})
	if len(problems) != 1 || !strings.HasPrefix(problems[0].Error(), `posts/t.md:4:7: tag "!!!" has no letters or digits`) {
		t.Errorf("have %v", problems)
	}
}

func TestTonnesToTheKilogram(t *testing.T) {
	src := "---\ntitle: T\ndate: 2020-01-01\nimpact:\n  offsets:\n    - provider: P\n      tonnes: 0.0005\n---\n"
	_, problems := Parse("posts/t.md", []byte(src), Options{})
	if len(problems) != 1 || !strings.HasPrefix(problems[0].Error(), "posts/t.md:7:15: tonnes 0.0005 has more than 3 decimals") {
		t.Errorf("have %v", problems)
	}
	if _, problems := Parse("posts/t.md", []byte(strings.Replace(src, "0.0005", "0.125", 1)), Options{}); problems != nil {
		t.Errorf("0.125 t: %v", problems)
	}
}

func TestTOMLNumbersAreReadAsTyped(t *testing.T) {
	post := func(amount string) string {
		return "+++\ntitle = \"T\"\ndate = 2020-01-01\n\n[[impact.donations]]\nrecipient = \"WWF\"\namount = " + amount + "\n+++\n"
	}
	tests := []struct{ amount, want, problem string }{
		{"12345678901234567.89", "12345678901234567.89", ""},
		{"2500.75", "2500.75", ""},
		{"1_000", "1000", ""},
		{"1e3", "", "posts/t.md:7:10: amount \"1e3\" is not a number"},
		{"0x10", "", "posts/t.md:7:10: amount \"0x10\" is not a number"},
	}
	for _, tt := range tests {
		p, problems := Parse("posts/t.md", []byte(post(tt.amount)), Options{Currency: gbp(t)})
		if tt.problem != "" {
			if len(problems) != 1 || !strings.HasPrefix(problems[0].Error(), tt.problem) {
				t.Errorf("%s: have %v, want %s…", tt.amount, problems, tt.problem)
			}
			continue
		}
		if problems != nil {
			t.Fatalf("%s: %v", tt.amount, problems)
		}
		if have := p.Donations[0].Amount.String(); have != tt.want {
			t.Errorf("%s: have %s, want %s", tt.amount, have, tt.want)
		}
	}
}

func gbp(t *testing.T) impact.Currency {
	t.Helper()
	c, err := impact.ParseCurrency("GBP")
	if err != nil {
		t.Fatal(err)
	}
	return c
}
