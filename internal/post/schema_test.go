package post

import (
	"os"
	"strings"
	"testing"
)

// TestDocMatchesSchema: the package doc lists exactly the keys of the
// schema table, as keysDoc writes them. When a row changes,
// paste the list this test prints into doc.go.
func TestDocMatchesSchema(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, list := range []struct{ name, text string }{{"postKeys", keysDoc()}} {
		var want strings.Builder
		for _, l := range strings.SplitAfter(strings.TrimSuffix(list.text, "\n"), "\n") {
			want.WriteString("//\t" + l)
		}
		want.WriteString("\n//\n")
		if !strings.Contains(string(doc), want.String()) {
			t.Errorf("doc.go does not list the keys of %s as they are; want, followed by an empty comment line:\n%s", list.name, want.String())
		}
	}
}

// TestSchemaRows: names are unique within the table, and every row says
// what it is.
func TestSchemaRows(t *testing.T) {
	seen := map[string]bool{}
	for _, pk := range postKeys {
		for _, n := range append([]string{pk.name}, pk.aliases...) {
			if seen[n] || n != strings.ToLower(n) {
				t.Errorf("top-level key %q: given twice, or not in lower case", n)
			}
			seen[n] = true
		}
		if pk.doc == "" || (pk.set == nil) == (pk.param == nil) {
			t.Errorf("top-level key %q: want a doc line, and one of set and param", pk.name)
		}
	}
	if postKeys[titleKey].name != "title" || postKeys[dateKey].name != "date" {
		t.Errorf("titleKey, dateKey: have %q, %q", postKeys[titleKey].name, postKeys[dateKey].name)
	}
}

// TestTOCAndImage: Post.TOC and Post.Image are what the front matter asks
// for, exactly as templates read toc and image from Params: at the top,
// or inside extra (Zola) or params (Hugo); toc only as true, not "true".
func TestTOCAndImage(t *testing.T) {
	tests := []struct {
		name, front string
		toc         bool
		image       string
	}{
		{"none", "", false, ""},
		{"toc", "toc: true\n", true, ""},
		{"toc false", "toc: false\n", false, ""},
		{"toc quoted", "toc: \"true\"\n", false, ""},
		{"toc yes", "toc: yes\n", false, ""},
		{"TOC, not toc", "TOC: true\n", false, ""},
		{"toc in extra", "extra:\n  toc: true\n", true, ""},
		{"toc in params", "params:\n  toc: true\n", true, ""},
		{"toc in Extra, not extra", "Extra:\n  toc: true\n", false, ""},
		{"image", "image: cover.jpg\n", false, "cover.jpg"},
		{"image empty", "image: \"\"\n", false, ""},
		{"image a number", "image: 12\n", false, ""},
		{"image.path", "image:\n  path: /img/a.png\n", false, "/img/a.png"},
		{"images", "images: [a.png, b.png]\n", false, "a.png"},
		{"images, first not text", "images: [[a.png], b.png]\n", false, ""},
		{"the top first", "image: top.png\nextra:\n  image: extra.png\n", false, "top.png"},
		{"extra before params", "params:\n  image: params.png\nextra:\n  image: extra.png\n", false, "extra.png"},
		{"image and images", "images: [b.png]\nimage: a.png\n", false, "a.png"},
		{"TOML", "", true, "c.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\ntitle: x\n" + tt.front + "---\n"
			if tt.name == "TOML" {
				src = "+++\ntitle = \"x\"\n[extra]\ntoc = true\n[params]\nimages = [\"c.png\"]\n+++\n"
			}
			p, problems := Parse("posts/2021-01-15-x.md", []byte(src), Options{})
			if problems != nil {
				t.Fatal(problems)
			}
			if p.TOC != tt.toc || p.Image != tt.image {
				t.Errorf("have: TOC %v, Image %q want: %v, %q", p.TOC, p.Image, tt.toc, tt.image)
			}
			if p.TOC != wantsTOC(p.Params) || p.Image != frontImage(p.Params) {
				t.Errorf("TOC and Image differ from Params")
			}
			if strings.Contains(tt.front, "toc:") && p.Params["toc"] == nil && p.Params["TOC"] == nil && p.Params["extra"] == nil && p.Params["params"] == nil && p.Params["Extra"] == nil {
				t.Errorf("toc is no longer in Params: %v", p.Params)
			}
		})
	}
}
