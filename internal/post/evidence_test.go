package post

import (
	"strings"
	"testing"
	"time"

	"github.com/impactblog/impactblog/internal/entry"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/registry"
)

// Serials from the registry package's comment: 28,571 Verra credits of
// project 3005 in CN, vintage 2022; 5,354 Gold Standard credits of
// GS11603 in KE, vintage 2025.
const (
	verraSerial = "19381-941412555-941441125-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0"
	gsSerial    = "GS1-1-KE-GS11603-16-2025-30256-110-5463"
)

// verra is a Verra serial of project 3005, CN, vintage 2022, for credits
// start to end.
func verra(start, end string) string {
	return "19381-" + start + "-" + end + "-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0"
}

// offsetSrc is a post with one offset: provider P, then the lines given,
// each indented under the entry. Line 6 is the first of them, at column 7.
func offsetSrc(lines ...string) string {
	return "\n---\ntitle: x\nimpact:\n  offsets:\n    - provider: P\n      " + strings.Join(lines, "\n      ") + "\n---\n"
}

// emissionSrc is a post with one emission: source D, then the lines given.
func emissionSrc(lines ...string) string {
	return "\n---\ntitle: x\nimpact:\n  emissions:\n    - source: D\n      " + strings.Join(lines, "\n      ") + "\n---\n"
}

// TestEvidence: an offset with all its evidence, in each format, is read
// into typed fields, each serial with its position.
func TestEvidence(t *testing.T) {
	tests := []struct {
		name, src string
		at        [][2]int // each serial's line and column
	}{
		{"YAML", offsetSrc("tonnes: 28571", "registry: Verra", "serials:", "  - "+verraSerial,
			`project_id: "VCS3005"`, "country: cn", "vintage: 2022", "retired_on: 2022-11-30",
			"beneficiary: \" Back Market \"", "retirement_url: https://registry.example.org/app/retirement/1", "type: Avoidance"),
			[][2]int{{9, 11}}},
		{"YAML, one serial as a string", offsetSrc("tonnes: 28571", "registry: verra", "serials: "+verraSerial,
			"project_id: 3005", "country: CN", `vintage: "2022"`, "retired_on: 2022-11-30",
			"beneficiary: Back Market", "retirement_url: https://registry.example.org/app/retirement/1", "type: avoidance"),
			[][2]int{{8, 16}}},
		{"TOML", "+++\ntitle = \"x\"\n[[impact.offsets]]\nprovider = \"P\"\ntonnes = 28571\nregistry = \"verra\"\n" +
			"serials = [\n  \"" + verraSerial + "\",\n]\nproject_id = \"3005\"\ncountry = \"CN\"\nvintage = 2022\n" +
			"retired_on = 2022-11-30\nbeneficiary = \"Back Market\"\nretirement_url = \"https://registry.example.org/app/retirement/1\"\ntype = \"avoidance\"\n+++\n",
			[][2]int{{8, 3}}},
		{"JSON", "{\n\"title\": \"x\",\n\"impact\": {\"offsets\": [{\"provider\": \"P\", \"tonnes\": 28571, \"registry\": \"verra\",\n" +
			"  \"serials\": [\"" + verraSerial + "\"],\n" +
			"  \"project_id\": \"3005\", \"country\": \"CN\", \"vintage\": 2022, \"retired_on\": \"2022-11-30\",\n" +
			"  \"beneficiary\": \"Back Market\", \"retirement_url\": \"https://registry.example.org/app/retirement/1\", \"type\": \"avoidance\"}]}\n}\n\n",
			[][2]int{{4, 15}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, probs := Parse(f, text(tt.src), options(t))
			if probs != nil {
				t.Fatal(probs)
			}
			if len(p.Offsets) != 1 {
				t.Fatalf("have: %d offsets want: 1", len(p.Offsets))
			}
			o := p.Offsets[0]
			if o.Registry != registry.Verra || o.Country != "CN" || o.Vintage != 2022 || o.RetiredOn.Format("2006-01-02") != "2022-11-30" ||
				o.Beneficiary != "Back Market" || o.RetirementURL != "https://registry.example.org/app/retirement/1" || o.Type != impact.Avoidance ||
				!strings.HasSuffix(o.ProjectID, "3005") {
				t.Errorf("have: %+v", o)
			}
			if len(o.Serials) != len(tt.at) {
				t.Fatalf("have: %d serials want: %d", len(o.Serials), len(tt.at))
			}
			for i, s := range o.Serials {
				if s.Block.Count() != 28571 || s.Block.Project != "3005" || s.Line != tt.at[i][0] || s.Col != tt.at[i][1] {
					t.Errorf("serial %d: have: %d credits of %s at %d:%d want: 28571 of 3005 at %d:%d",
						i, s.Block.Count(), s.Block.Project, s.Line, s.Col, tt.at[i][0], tt.at[i][1])
				}
			}
		})
	}
}

// TestEvidenceOthers: each registry's serials, several to an entry, and
// an Isometric retirement whose credits are the tonnes, whatever they are.
func TestEvidenceOthers(t *testing.T) {
	tests := []struct {
		name, src string
		credits   int64
	}{
		{"gold standard", offsetSrc("tonnes: 5354", "registry: gold-standard", "serials: "+gsSerial, "project_id: GS11603", "country: KE", "vintage: 2025"), 5354},
		{"car", offsetSrc("tonnes: 5000", "registry: car", "serials: CAR-1-US-1335-31-983-KS-2025-9205-1 to 5000", "vintage: 2025"), 5000},
		{"acr, two blocks", offsetSrc("tonnes: 4312", "registry: acr", "serials:", "  - ACR-FR-1129-2025-2917-30932 to 35143", "  - ACR-FR-1129-2025-2917-40001 to 40100"), 4312},
		{"isometric", offsetSrc("tonnes: 31.4", "registry: isometric", "serials: ret_1J9X4T7QK1S0M2PA", "type: removal"), 0},
		{"registry alone", offsetSrc("tonnes: 31.4", "registry: other", "project_id: FCPF-CI-130"), 0},
		{"empty serials", offsetSrc("tonnes: 31.4", "registry: verra", "serials: []"), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, probs := Parse(f, text(tt.src), options(t))
			if probs != nil {
				t.Fatal(probs)
			}
			var blocks []registry.Block
			for _, s := range p.Offsets[0].Serials {
				blocks = append(blocks, s.Block)
			}
			if n, _ := registry.Credits(blocks); n != tt.credits {
				t.Errorf("have: %d credits want: %d", n, tt.credits)
			}
		})
	}
}

// TestEvidenceProblems: each key's mistakes, at the place to fix.
func TestEvidenceProblems(t *testing.T) {
	runProblems(t, []problemCase{
		{name: "serials need registry", src: offsetSrc("tonnes: 28571", "serials: "+verraSerial),
			want: []want{{f + ":7:7", `serials need registry: add "registry: verra"`}}},
		{name: "registry unknown", src: offsetSrc("tonnes: 28571", "registry: vera", "serials: "+verraSerial),
			want: []want{{f + ":7:17", `unknown registry "vera": did you mean verra?`}}},
		{name: "registry a list", src: offsetSrc("tonnes: 1", "registry: [verra]"),
			want: []want{{f + ":7:17", `registry must be one of verra | gold-standard | acr | car | puro | isometric | other, not a list`}}},
		{name: "a serial that does not parse, second of a list", src: offsetSrc("tonnes: 28571", "registry: verra", "serials:", "  - "+verraSerial, "  - 19381-941412555-VCS"),
			want: []want{{f + ":10:11", `; write it as BATCH-START-END-VCS-VCU-CODE-REG-CC-SCOPE-PROJECT-DDMMYYYY-DDMMYYYY-F, such as ` + verraSerial}}},
		{name: "a serial of another registry", src: offsetSrc("tonnes: 5354", "registry: verra", "serials: "+gsSerial),
			want: []want{{f + ":8:16", `is the registry gold-standard?`}}},
		{name: "a serial that is a table", src: offsetSrc("tonnes: 1", "registry: verra", "serials:", "  - {a: b}"),
			want: []want{{f + ":9:11", `each of serials must be a serial, not a table of keys`}}},
		{name: "serials a table", src: offsetSrc("tonnes: 1", "registry: verra", "serials:", "  a: b"),
			want: []want{{f + ":9:9", `serials must be a serial, or a list of serials, not a table of keys`}}},
		{name: "credits are not the tonnes", src: offsetSrc("tonnes: 28570", "registry: verra", "serials: "+verraSerial),
			want: []want{{f + ":6:15", `the serial block holds 28,571 credits, one tonne each, but tonnes says 28570: correct tonnes or the serials`}}},
		{name: "credits of two blocks are not the tonnes", src: offsetSrc("tonnes: 31.4", "registry: acr", "serials:", "  - ACR-FR-1129-2025-2917-1 to 30", "  - ACR-FR-1129-2025-2917-31 to 31"),
			want: []want{{f + ":6:15", `the serial blocks hold 31 credits, one tonne each, but tonnes says 31.4, which is not a whole number of credits`}}},
		{name: "project mismatch", src: offsetSrc("tonnes: 28571", "registry: verra", "serials: "+verraSerial, `project_id: "3006"`),
			want: []want{{f + ":9:19", `the serial is for project 3005, but project_id says 3006`}}},
		{name: "vintage mismatch", src: offsetSrc("tonnes: 28571", "registry: verra", "serials: "+verraSerial, "vintage: 2021"),
			want: []want{{f + ":9:16", `the serial's vintage is 2022, the year its vintage period (1 January 2022 to 31 October 2022) ends, but vintage says 2021`}}},
		{name: "country mismatch", src: offsetSrc("tonnes: 5354", "registry: gold-standard", "serials: "+gsSerial, "country: TZ"),
			want: []want{{f + ":9:16", `the serial is for country KE, but country says TZ`}}},
		{name: "mismatches of two serials name each", src: offsetSrc("tonnes: 28671", "registry: verra", "serials:", "  - "+verraSerial, "  - "+verra("1", "100"), "project_id: 3006"),
			want: []want{{f + ":11:19", `but project_id says 3006 (the serial at line 9)`}, {f + ":11:19", `(the serial at line 10)`}}},
		{name: "vintage not a year", src: offsetSrc("tonnes: 1", "vintage: 2022a"),
			want: []want{{f + ":7:16", `vintage must be a year such as 2022, not "2022a"`}}},
		{name: "country in words", src: offsetSrc("tonnes: 1", "country: Kenya"),
			want: []want{{f + ":7:16", `country "Kenya" is not a country's ISO 3166 code: write two letters, such as KE or GB`}}},
		{name: "country UK", src: offsetSrc("tonnes: 1", "country: UK"),
			want: []want{{f + ":7:16", `country "UK": write its ISO 3166 code, GB`}}},
		{name: "country EU", src: offsetSrc("tonnes: 1", "country: EU"),
			want: []want{{f + ":7:16", `country "EU" is not a country's ISO 3166 code`}}},
		{name: "retired_on not a date", src: offsetSrc("tonnes: 1", "retired_on: last week"),
			want: []want{{f + ":7:19", `retired_on "last week" is not a date`}}},
		{name: "retirement_url without a scheme", src: offsetSrc("tonnes: 1", "retirement_url: registry.example.org/x"),
			want: []want{{f + ":7:23", `retirement_url must be an http or https address, such as https://registry.example.org/…, not "registry.example.org/x"`}}},
		{name: "retirement_url ftp", src: offsetSrc("tonnes: 1", "retirement_url: ftp://example.org/x"),
			want: []want{{f + ":7:23", `retirement_url must be an http or https address`}}},
		{name: "retirement_url javascript", src: offsetSrc("tonnes: 1", "retirement_url: \"javascript:alert(1)\""),
			want: []want{{f + ":7:23", `retirement_url must be an http or https address`}}},
		{name: "type misspelled", src: offsetSrc("tonnes: 1", "type: removals"),
			want: []want{{f + ":7:13", `type "removals" is not an offset type: did you mean removal?`}}},
		{name: "type unknown", src: offsetSrc("tonnes: 1", "type: nature-based"),
			want: []want{{f + ":7:13", `type "nature-based" is not an offset type: write avoidance or removal`}}},
		{name: "beneficiary with a control character", src: offsetSrc("tonnes: 1", "beneficiary: \"A\\x1bB\""),
			want: []want{{f + ":7:20", `beneficiary holds a control character (U+001B ESC)`}}},
		{name: "unknown key", src: offsetSrc("tonnes: 1", "serial: x"),
			want: []want{{f + ":7:7", `unknown key "serial" in an offset: did you mean serials?`}}},
	})
}

// TestEmissionScope: scope, category, period and method, read and checked.
func TestEmissionScope(t *testing.T) {
	p, probs := Parse(f, text(emissionSrc("share: 60", "scope: 3", "category: 4", "period: Black Friday week 2020", "method: spend-based")), options(t))
	if probs != nil {
		t.Fatal(probs)
	}
	if e := p.Emissions[0]; e.Scope != 3 || e.Category != 4 || e.Period != "Black Friday week 2020" || e.Method != "spend-based" {
		t.Errorf("have: %+v", e)
	}
	p, probs = Parse(f, text(emissionSrc("tonnes: 2", `scope: "1"`)), options(t))
	if probs != nil || p.Emissions[0].Scope != 1 || p.Emissions[0].Category != 0 {
		t.Errorf("have: %v, %+v want: scope 1", probs, p.Emissions)
	}
	runProblems(t, []problemCase{
		{name: "scope 4", src: emissionSrc("share: 60", "scope: 4"),
			want: []want{{f + ":7:14", `scope must be 1, 2 or 3, the GHG Protocol's scope, not "4"`}}},
		{name: "scope written with its word", src: emissionSrc("share: 60", "scope: Scope 3"),
			want: []want{{f + ":7:14", `scope "Scope 3": write the number alone: 3`}}},
		{name: "scope a list", src: emissionSrc("share: 60", "scope: [1, 2]"),
			want: []want{{f + ":7:14", `scope must be 1, 2 or 3, the GHG Protocol's scope, not a list`}}},
		{name: "category 16", src: emissionSrc("share: 60", "scope: 3", "category: 16"),
			want: []want{{f + ":8:17", `category must be a scope 3 category, from 1 to 15, not "16"`}}},
		{name: "category 0", src: emissionSrc("share: 60", "scope: 3", "category: 0"),
			want: []want{{f + ":8:17", `category must be a scope 3 category, from 1 to 15, not "0"`}}},
		{name: "category without scope", src: emissionSrc("share: 60", "category: 4"),
			want: []want{{f + ":7:17", `only scope 3 emissions have a category: add "scope: 3"`}}},
		{name: "category on scope 2", src: emissionSrc("share: 60", "scope: 2", "category: 4"),
			want: []want{{f + ":8:17", `only scope 3 emissions have a category, and this one is scope 2: remove category, or make it scope 3`}}},
		{name: "category on a bad scope: the scope only", src: emissionSrc("share: 60", "scope: three", "category: 4"),
			want: []want{{f + ":7:14", `scope must be 1, 2 or 3`}}},
	})
}

// TestDoubleClaimInPost: two blocks of one post that share credits, in
// two offsets or in one, are a problem at both serials.
func TestDoubleClaimInPost(t *testing.T) {
	runProblems(t, []problemCase{
		{name: "two offsets", src: "\n---\ntitle: x\nimpact:\n  offsets:\n" +
			"    - provider: P\n      tonnes: 28571\n      registry: verra\n      serials: " + verraSerial + "\n" +
			"    - provider: Q\n      tonnes: 1000\n      registry: verra\n      serials: " + verra("941441001", "941442000") + "\n---\n",
			want: []want{
				{f + ":8:16", `share credits 941441001 to 941441125: 125 credits claimed twice, here and at line 12`},
				{f + ":12:16", `share credits 941441001 to 941441125: 125 credits claimed twice, here and at line 8`}}},
		{name: "one offset, the same block twice", src: offsetSrc("tonnes: 200", "registry: verra", "serials:", "  - "+verra("1", "100"), "  - "+verra("1", "100")),
			want: []want{
				{f + ":9:11", `is claimed twice: 100 credits, here and at line 10`},
				{f + ":10:11", `is claimed twice: 100 credits, here and at line 9`}}},
		{name: "isometric retirement twice", src: "\n---\ntitle: x\nimpact:\n  offsets:\n" +
			"    - {provider: P, tonnes: 3, registry: isometric, serials: ret_ABC}\n" +
			"    - {provider: P, tonnes: 4, registry: isometric, serials: ret_abc}\n---\n",
			want: []want{
				{f + ":5:62", `the isometric retirement "ret_ABC" is claimed twice, here and at line 6`},
				{f + ":6:62", `here and at line 5`}}},
		{name: "touching blocks do not overlap", src: offsetSrc("tonnes: 200", "registry: verra", "serials:", "  - "+verra("1", "100"), "  - "+verra("101", "200"))},
	})
}

// TestDoubleClaimsAcrossPosts: two posts that claim overlapping Verra
// blocks give a problem at each, naming the other's file, line and
// column; a block split differently in the other post overlaps each part.
// Claims within one post are left to Parse.
func TestDoubleClaimsAcrossPosts(t *testing.T) {
	parse := func(file string, serials ...string) *Post {
		t.Helper()
		src := offsetSrc("tonnes: 28571", "registry: verra", "serials:", "  - "+strings.Join(serials, "\n        - "))
		p, probs := Parse(file, text(src), options(t))
		if probs != nil {
			t.Fatal(probs)
		}
		return p
	}
	a := parse("posts/2021-01-15-a.md", verraSerial)
	b := parse("posts/2022-03-01-b.md", verra("941412555", "941420000"), verra("941420001", "941441125"))
	c := parse("posts/2023-01-01-c.md", verra("1", "28571"))

	claims := Claims(a, b, c)
	if len(claims) != 4 || claims[1].Source != (Citation{"posts/2022-03-01-b.md", 9, 11}) || claims[2].Source.Line != 10 {
		t.Fatalf("have: %+v", claims)
	}
	probs := DoubleClaims(claims)
	wants := []string{
		`posts/2021-01-15-a.md:9:11: the verra serials "` + verraSerial + `" and "` + verra("941412555", "941420000") + `" share credits 941412555 to 941420000: 7,446 credits claimed twice, here and at posts/2022-03-01-b.md:9:11`,
		`posts/2022-03-01-b.md:9:11: the verra serials "` + verraSerial + `" and "` + verra("941412555", "941420000") + `" share credits 941412555 to 941420000: 7,446 credits claimed twice, here and at posts/2021-01-15-a.md:9:11`,
		`posts/2021-01-15-a.md:9:11: the verra serials "` + verraSerial + `" and "` + verra("941420001", "941441125") + `" share credits 941420001 to 941441125: 21,125 credits claimed twice, here and at posts/2022-03-01-b.md:10:11`,
		`posts/2022-03-01-b.md:10:11: the verra serials`,
	}
	if len(probs) != len(wants) {
		t.Fatalf("have: %d problems:\n%v\nwant: %d", len(probs), probs, len(wants))
	}
	for i, w := range wants {
		if have := probs[i].Error(); !strings.HasPrefix(have, w) {
			t.Errorf("problem %d\nhave: %s\nwant: %s…", i, have, w)
		}
	}

	// One post with a block twice: Parse reports it, DoubleClaims does not.
	src := offsetSrc("tonnes: 200", "registry: verra", "serials:", "  - "+verra("1", "100"), "  - "+verra("1", "100"))
	p, probs := Parse(f, text(src), options(t))
	if len(probs) != 2 || p == nil {
		t.Fatalf("have: %v want: two problems", probs)
	}
	if l := DoubleClaims(Claims(p)); l != nil {
		t.Errorf("have: %v want: none", l)
	}
}

// TestEvidenceWarnings: a vintage more than a year from now is a warning,
// as a date's year is.
func TestEvidenceWarnings(t *testing.T) {
	opts := options(t)
	opts.Now = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	p, probs := Parse(f, text(offsetSrc("tonnes: 1", "vintage: 2204")), opts)
	if probs != nil || len(p.Warnings) != 1 || p.Offsets[0].Vintage != 2204 {
		t.Fatalf("have: %v, %v want: one warning", probs, p.Warnings)
	}
	if have, want := p.Warnings[0].Error(), f+":7:16: vintage 2204 is more than a year from now: did you mean 2024?"; have != want {
		t.Errorf("have: %s\nwant: %s", have, want)
	}
}

// TestScaffoldEvidence: new's scaffold, uncommented, gives an offset with
// every piece of evidence and an emission with its scope.
func TestScaffoldEvidence(t *testing.T) {
	day := time.Date(2021, 1, 15, 0, 0, 0, 0, time.UTC)
	var src strings.Builder
	src.WriteString("---\ntitle: x\n")
	for _, l := range strings.Split(entry.Scaffold(day, "EUR"), "\n") {
		if after, ok := strings.CutPrefix(l, "# "); ok && (after == "impact:" || strings.HasPrefix(after, "  ")) {
			l = after
		}
		src.WriteString(l + "\n")
	}
	src.WriteString("---\n")
	p, probs := Parse(f, []byte(src.String()), Options{})
	if probs != nil {
		t.Fatal(probs)
	}
	o, e := p.Offsets[0], p.Emissions[0]
	if o.Registry == "" || len(o.Serials) != 1 || o.ProjectID == "" || o.Country == "" || o.Vintage == 0 || !o.RetiredOn.Equal(day) ||
		o.Beneficiary == "" || o.RetirementURL == "" || o.Type == "" {
		t.Errorf("offset: %+v", o)
	}
	if e.Scope != 3 || e.Category == 0 || e.Period == "" || e.Method == "" {
		t.Errorf("emission: %+v", e)
	}
}
