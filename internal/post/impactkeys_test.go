package post

import "testing"

// TestMisplacedImpact: an impact block misspelled, or its lists written
// outside it, is a problem at the key, with the fix: as written, its
// figures would be in no total (issue 13, item 5). Other unknown keys stay
// allowed.
func TestMisplacedImpact(t *testing.T) {
	const entry = "\n    - recipient: WWF\n      amount: 45000\n---\n"
	runProblems(t, []problemCase{
		{name: "imapct", src: "---\ntitle: x\nimapct:\n  donations:" + entry,
			want: []want{{f + ":3:1", `unknown key "imapct": did you mean impact? As written, its figures are in no total`}}},
		{name: "impacts", src: "---\ntitle: x\nimpacts:\n  donations:" + entry,
			want: []want{{f + ":3:1", `unknown key "impacts": did you mean impact?`}}},
		{name: "Imapct", src: "---\ntitle: x\nImapct:\n  donations:" + entry,
			want: []want{{f + ":3:1", `unknown key "Imapct": did you mean impact?`}}},
		{name: "impact with a space", src: "---\ntitle: x\n\" impact\":\n  donations:" + entry,
			want: []want{{f + ":3:1", `key " impact" has spaces around it: write impact`}}},
		{name: "top-level donations", src: "---\ntitle: x\ndonations:\n    - recipient: WWF\n      amount: 45000\n---\n",
			want: []want{{f + ":3:1", `donations belongs inside impact: indent it under a line "impact:"`}}},
		{name: "top-level offsets", src: "---\ntitle: x\noffsets:\n  - provider: P\n    tonnes: 3\n---\n",
			want: []want{{f + ":3:1", `offsets belongs inside impact: indent it under a line "impact:"`}}},
		{name: "top-level emissions", src: "---\ntitle: x\nemissions:\n  - source: Deliveries\n    share: 60\n---\n",
			want: []want{{f + ":3:1", `emissions belongs inside impact`}}},
		{name: "top-level donation, misspelled too", src: "---\ntitle: x\ndonation:\n  - recipient: WWF\n    amount: 5\n---\n",
			want: []want{{f + ":3:1", `"donation" belongs inside impact, as donations: indent it under a line "impact:"`}}},
		{name: "TOML [[donations]]", src: "+++\ntitle = \"x\"\n[[donations]]\nrecipient = \"WWF\"\namount = 45000\n+++\n",
			want: []want{{f + ":3:1", `donations belongs inside impact: write [[impact.donations]]`}}},
		{name: "TOML [[impact.donation]]", src: "+++\ntitle = \"x\"\n[[impact.donation]]\nrecipient = \"WWF\"\namount = 45000\n+++\n",
			want: []want{{f + ":3:1", `unknown key "donation" in impact: did you mean donations?`}}},
		{name: "TOML [imapct]", src: "+++\ntitle = \"x\"\n[[imapct.donations]]\nrecipient = \"WWF\"\namount = 45000\n+++\n",
			want: []want{{f + ":3:1", `unknown key "imapct": did you mean impact?`}}},
		{name: "JSON donations", src: "{\n\"title\": \"x\",\n\"donations\": [{\"recipient\": \"WWF\", \"amount\": 45000}]\n}\n\n",
			want: []want{{f + ":3:1", `donations belongs inside impact: move it into "impact": { … }`}}},
		{name: "impact inside params", src: "+++\ntitle = \"x\"\n[params.impact]\ndonations = [{recipient = \"WWF\", amount = 45000}]\n+++\n",
			want: []want{{f + ":3:1", `impact belongs at the top level, not inside "params": move it out`}}},
		{name: "other keys stay allowed", src: "---\ntitle: x\nimport: a\ncompact: true\nimpactful: yes\nlayout: post\nextra:\n  offset: 3\nslug: a b\n---\n",
			want: []want{{f + ":9:7", `slug "a b" is not a plain name`}}},
	})
}

// TestImpactKeyInCapitals: Impact is read as impact, as every known key is
// read whatever its case: its figures count.
func TestImpactKeyInCapitals(t *testing.T) {
	p, probs := Parse(f, text("---\ntitle: x\nImpact:\n  donations:\n    - recipient: WWF\n      amount: 45000\n---\n"), options(t))
	if probs != nil || len(p.Donations) != 1 || p.Donations[0].Amount.String() != "45000" {
		t.Errorf("have: %v, %+v want: one donation of 45000", probs, p)
	}
}
