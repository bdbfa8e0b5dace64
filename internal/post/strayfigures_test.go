package post

import "testing"

// TestStrayFigures: figures written where they are not read, under a key
// that is not the impact block (a dotted or prefixed name, a table nested
// at any depth, a list of entries under another name), are a problem at
// the key: as written, they would be in no total (issue 13, item 5, as
// reviewed). Other unknown keys stay allowed.
func TestStrayFigures(t *testing.T) {
	const entry = "\n    - recipient: WWF\n      amount: 45000\n---\n"
	runProblems(t, []problemCase{
		{name: "YAML dotted key", src: "---\ntitle: x\nimpact.donations:" + entry,
			want: []want{{f + ":3:1", `key "impact.donations" is not donations inside impact: YAML has no dotted keys, so its figures are in no total: write a line "impact:", and "donations:" indented under it`}}},
		{name: "YAML dotted key in capitals", src: "---\ntitle: x\nImpact.Offsets:\n  - provider: P\n    tonnes: 3\n---\n",
			want: []want{{f + ":3:1", `key "Impact.Offsets" is not offsets inside impact`}}},
		{name: "TOML quoted key", src: "+++\ntitle = \"x\"\n\"impact.donations\" = [{recipient = \"WWF\", amount = 45000}]\n+++\n",
			want: []want{{f + ":3:1", `key "impact.donations" is not donations inside impact: in quotes, it is one key, so its figures are in no total: write [[impact.donations]] before each entry`}}},
		{name: "JSON dotted key", src: "{\n\"title\": \"x\",\n\"impact.donations\": [{\"recipient\": \"WWF\", \"amount\": 45000}]\n}\n\n",
			want: []want{{f + ":3:1", `key "impact.donations" is not donations inside impact: it is one key, so its figures are in no total: write "impact": { "donations": [ … ] }`}}},
		{name: "impact_donations", src: "---\ntitle: x\nimpact_donations:" + entry,
			want: []want{{f + ":3:1", `key "impact_donations" is not donations inside impact, so its figures are in no total: write a line "impact:", and "donations:" indented under it`}}},
		{name: "IMPACT_offset, misspelled too", src: "---\ntitle: x\nIMPACT_offset:\n  - provider: P\n    tonnes: 3\n---\n",
			want: []want{{f + ":3:1", `key "IMPACT_offset" is not offsets inside impact`}}},
		{name: "impact_ with another name", src: "---\ntitle: x\nimpact_total: 45000\n---\n",
			want: []want{{f + ":3:1", `key "impact_total" starts as impact, but is not the impact block, so figures in it are in no total: write figures under impact (donations, offsets, emissions), and name other keys without "impact"`}}},
		{name: "donations inside params", src: "---\ntitle: x\nparams:\n  donations:\n    - recipient: WWF\n      amount: 45000\n---\n",
			want: []want{{f + ":4:3", `donations belongs inside impact, not inside "params", so its figures are in no total: move it to impact.donations`}}},
		{name: "donations inside params, in YAML flow style", src: "---\ntitle: x\nparams: { donations: [{recipient: WWF, amount: 45000}] }\n---\n",
			want: []want{{f + ":3:11", `donations belongs inside impact, not inside "params"`}}},
		{name: "impact two tables deep", src: "---\ntitle: x\nextra:\n  params:\n    impact:\n      donations:\n        - recipient: WWF\n          amount: 45000\n---\n",
			want: []want{{f + ":5:5", `impact belongs at the top level, not inside "extra.params": move it out`}}},
		{name: "impact two tables deep, in TOML", src: "+++\ntitle = \"x\"\n[extra.params.impact]\ndonations = [{recipient = \"WWF\", amount = 45000}]\n+++\n",
			want: []want{{f + ":3:1", `impact belongs at the top level, not inside "extra.params": move it out`}}},
		{name: "imapct deep inside a list", src: "---\ntitle: x\nextra:\n  - params:\n      imapct:\n        offsets: []\n---\n",
			want: []want{{f + ":5:7", `impact belongs at the top level, not inside "extra.params": move it out`}}},
		{name: "offsets misspelled inside extra", src: "---\ntitle: x\nextra:\n  ofsets:\n    - provider: P\n      tonnes: 3\n---\n",
			want: []want{{f + ":4:3", `"ofsets" belongs inside impact, as offsets, not inside "extra"`}}},
		{name: "a list of gifts inside taxonomies", src: "---\ntitle: x\ntaxonomies:\n  gifts:\n    - recipient: WWF\n      amount: 45000\n---\n",
			want: []want{{f + ":4:3", `"gifts" looks like figures (it has recipient), but figures count only inside impact: move it under impact.donations`}}},
		{name: "donation_list", src: "---\ntitle: x\ndonation_list:" + entry,
			want: []want{{f + ":3:1", `"donation_list" looks like figures (it has recipient), but figures count only inside impact: move it under impact.donations`}}},
		{name: "a list with amount only", src: "---\ntitle: x\ngiving:\n  - to: WWF\n    Amount: 5\n---\n",
			want: []want{{f + ":3:1", `"giving" looks like figures (it has Amount), but figures count only inside impact: move it under impact.donations`}}},
		{name: "a list with tonnes", src: "+++\ntitle = \"x\"\n[[extra.carbon]]\nby = \"P\"\ntonnes = 3\n+++\n",
			want: []want{{f + ":3:1", `"carbon" looks like figures (it has tonnes), but figures count only inside impact: move it under impact.offsets`}}},
		{name: "a list of lists of figures", src: "---\ntitle: x\nyears:\n  - - recipient: WWF\n      amount: 5\n---\n",
			want: []want{{f + ":3:1", `"years" looks like figures (it has recipient)`}}},
		{name: "other keys stay allowed", src: "---\ntitle: x\nimpactful: yes\nextra:\n  offset: 3\n  impact: high\n  images:\n    - src: a.png\n      alt: b\ntaxonomies:\n  donations: [wwf]\nparams:\n  authors: [{name: A}]\nslug: a b\n---\n",
			want: []want{{f + ":14:7", `slug "a b" is not a plain name`}}},
	})
}
