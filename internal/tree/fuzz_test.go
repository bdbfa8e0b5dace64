package tree

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeTOML: the TOML reader never panics, and every position it
// gives, of a value, a key or a mistake, is a character of the text or the
// end of a line.
func FuzzDecodeTOML(f *testing.F) {
	for _, s := range []string{
		"a = [[1, 2], [ # c\n 3], []]\ne = {f = [], g = [{}, [4]]}\n",
		"[a.b]\nx = 1\n[a]\nc.d = 2\n[[l]]\n[[l]]\ny = 0x1F\n",
		"t = \"\"\"\n[x]\"\"\"\nd = 1979-05-27 07:32:00Z\n",
		"title = Our year\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Split(data, []byte("\n"))
		check := func(what string, line, col int) {
			t.Helper()
			if line < 1 || line > len(lines) || col < 0 || col > utf8.RuneCount(lines[line-1])+1 {
				t.Fatalf("%s at %d:%d, not in the text %q", what, line, col, data)
			}
		}
		root, err := DecodeTOML(data, 1)
		if err != nil {
			se, ok := err.(*SyntaxError)
			if !ok {
				t.Fatalf("have: %T want: a *SyntaxError", err)
			}
			check(se.Msg, se.Line, se.Col)
			return
		}
		var walk func(n *Node)
		walk = func(n *Node) {
			if len(data) > 0 {
				check("a value", n.Line, n.Col)
			}
			for i, v := range n.Vals {
				check("a key", n.KeyPos[i].Line, n.KeyPos[i].Col)
				walk(v)
			}
			for _, it := range n.Items {
				walk(it)
			}
		}
		walk(root)
	})
}
