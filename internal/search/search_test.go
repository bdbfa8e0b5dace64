package search

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

var docs = []Doc{
	{
		URL: "/posts/victories/", Title: "Our small victories of 2020", Date: "2021-01-15", Day: "15 January 2021",
		Summary:    "From offsetting   our Black Friday\nemissions to donating £157,000.",
		Tags:       []string{"impact", "carbon"},
		Recipients: []string{"PUR Projet", "WWF", "PUR Projet", " ", "Play Joué"},
		Providers:  []string{"GoodPlanet Foundation"},
	},
	{
		URL: "/posts/audit/", Title: "What our first carbon audit told us", Date: "2021-03-10", Day: "10 March 2021",
		Tags:      []string{"carbon"},
		Providers: []string{"GoodPlanet Foundation", "Gold Standard"},
	},
}

func write(t *testing.T, docs []Doc) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, docs); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWrite: the index as the page reads it, byte for byte: the names once,
// sorted, the posts one a line in their order, each name an index.
func TestWrite(t *testing.T) {
	have := string(write(t, docs))
	want := `{"names":["Gold Standard","GoodPlanet Foundation","PUR Projet","Play Joué","WWF","carbon","impact"],"posts":[
{"url":"/posts/victories/","title":"Our small victories of 2020","date":"2021-01-15","day":"15 January 2021","summary":"From offsetting our Black Friday emissions to donating £157,000.","tags":[6,5],"recipients":[2,4,3],"providers":[1]},
{"url":"/posts/audit/","title":"What our first carbon audit told us","date":"2021-03-10","day":"10 March 2021","tags":[5],"providers":[1,0]}
]}
`
	if have != want {
		t.Errorf("have:\n%s\nwant:\n%s", have, want)
	}
	if !json.Valid([]byte(have)) {
		t.Errorf("not JSON")
	}
}

// TestWriteIsDeterministic: the same docs give the same bytes, again and
// again (no map order leaks into the names).
func TestWriteIsDeterministic(t *testing.T) {
	many := make([]Doc, 0, 200)
	for i := range 100 {
		for _, d := range docs {
			d.Title += strings.Repeat("x", i%7)
			many = append(many, d)
		}
	}
	first := write(t, many)
	for range 20 {
		if again := write(t, many); !bytes.Equal(first, again) {
			t.Fatal("two writes of the same docs differ")
		}
	}
}

// TestWriteEmpty: a blog without posts has an index the page can read.
func TestWriteEmpty(t *testing.T) {
	for _, in := range [][]Doc{nil, {}} {
		if have, want := string(write(t, in)), "{\"names\":[],\"posts\":[\n]}\n"; have != want {
			t.Errorf("have %q want: %q", have, want)
		}
	}
}

// TestWriteLeavesDocsAlone: Write changes nothing of what it is given.
func TestWriteLeavesDocsAlone(t *testing.T) {
	in := []Doc{{URL: "/x/", Title: "X", Summary: strings.Repeat("word ", 100), Tags: []string{"a", "a"}}}
	before := in[0].Summary
	write(t, in)
	if in[0].Summary != before || len(in[0].Tags) != 2 {
		t.Errorf("Write changed its input: %+v", in[0])
	}
}

// TestEscaping: what a writer typed cannot break out of the JSON, nor out
// of a <script> or an attribute were the index put in one.
func TestEscaping(t *testing.T) {
	d := Doc{
		URL:        "/posts/a/",
		Title:      "Quotes \" and \\ backslashes </script><script>alert(1)</script> & co, a line\u2028separator, a paragraph\u2029separator",
		Summary:    "A tab\there.",
		Tags:       []string{"<b>"},
		Recipients: []string{"Émile & Co"},
	}
	out := write(t, []Doc{d})
	for _, bad := range []string{"</script>", "<script>", "<b>", " & ", "\u2028", "\u2029", "\t"} {
		if bytes.Contains(out, []byte(bad)) {
			t.Errorf("the index holds %q unescaped:\n%s", bad, out)
		}
	}
	if !bytes.Contains(out, []byte(`"Émile \u0026 Co"`)) {
		t.Errorf("non-ASCII letters should stay as they are, & escaped:\n%s", out)
	}
	back, err := Read(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	d.Summary = "A tab here." // spaces made one
	if !reflect.DeepEqual(back, []Doc{d}) {
		t.Errorf("read back:\nhave %+v\nwant: %+v", back[0], d)
	}
}

// TestReadWhatWasWritten: Read gives back the docs, as Write keeps them.
func TestReadWhatWasWritten(t *testing.T) {
	back, err := Read(bytes.NewReader(write(t, docs)))
	if err != nil {
		t.Fatal(err)
	}
	want := []Doc{docs[0], docs[1]}
	want[0].Summary = "From offsetting our Black Friday emissions to donating £157,000."
	want[0].Recipients = []string{"PUR Projet", "WWF", "Play Joué"}
	if !reflect.DeepEqual(back, want) {
		t.Errorf("have %+v\nwant: %+v", back, want)
	}
	if _, err := Read(strings.NewReader(`{"names":["a"],"posts":[{"url":"/x/","title":"X","tags":[1]}]}`)); err == nil {
		t.Errorf("an index naming a name it lacks reads without error")
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"one two three four", 12, "one two…"},
		{"one two, three four", 12, "one two…"},              // no comma before the ellipsis
		{"Supercalifragilistic", 10, "Supercali…"},           // one long word: cut inside it
		{"a verylongwordthatgoeson", 12, "a verylongw…"},     // a space too early to cut at
		{"Émile gave ten thousand euros", 14, "Émile gave…"}, // runes, not bytes
		{"日本語のテキストです", 5, "日本語の…"},                           // no spaces at all
		{strings.Repeat("word ", 100), MaxSummary, strings.TrimSpace(strings.Repeat("word ", 31)) + "…"},
	}
	for _, tt := range tests {
		have := Cut(tt.in, tt.n)
		if have != tt.want {
			t.Errorf("Cut(%q, %d): have %q want: %q", tt.in, tt.n, have, tt.want)
		}
		if utf8.RuneCountInString(have) > tt.n {
			t.Errorf("Cut(%q, %d): %q is longer than %d", tt.in, tt.n, have, tt.n)
		}
	}
}

// TestSummaryIsCut: a long summary is cut to MaxSummary characters in
// the index.
func TestSummaryIsCut(t *testing.T) {
	long := strings.Repeat("carbon offset ", 50)
	back, err := Read(bytes.NewReader(write(t, []Doc{{URL: "/x/", Title: "X", Summary: long}})))
	if err != nil {
		t.Fatal(err)
	}
	s := back[0].Summary
	if n := utf8.RuneCountInString(s); n > MaxSummary || n < MaxSummary-20 || !strings.HasSuffix(s, "offset…") && !strings.HasSuffix(s, "carbon…") {
		t.Errorf("have a summary of %d characters: %q", n, s)
	}
}
