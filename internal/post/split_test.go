package post

import (
	"bytes"
	"testing"

	"github.com/adrg/frontmatter"
)

// TestSplitYAMLAsAdrg: the fast path splits exactly as adrg/frontmatter.
func TestSplitYAMLAsAdrg(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: a\n---\nbody\n",
		"\n\n  ---  \ntitle: a\n --- \n\nbody",
		"---\r\ntitle: a\r\n---\r\nbody\r\n",
		"---\ntitle: a\n---",
		"---\ntitle: a\n---\n",
		"---\n---\nbody",
		"---\ntitle: a\n----\nmore\n---\nbody",
		"---\ntitle: a\nnever closed\n",
		"+++\ntitle = 'a'\n+++\nbody",
		"---yaml\ntitle: a\n---\nbody",
		"text\n---\n",
		"",
	} {
		data, body, ok := splitYAML([]byte(src))
		var got []byte
		format := frontmatter.NewFormat("---", "---", func(d []byte, _ any) error { got = d; return nil })
		want, err := frontmatter.Parse(bytes.NewReader([]byte(src)), nil, format)
		found := err == nil && got != nil
		if ok != found {
			t.Errorf("%q: ok %v, adrg found %v", src, ok, found)
			continue
		}
		if ok && (!bytes.Equal(data, got) || !bytes.Equal(body, want)) {
			t.Errorf("%q:\nhave %q, %q\nwant %q, %q", src, data, body, got, want)
		}
	}
}
