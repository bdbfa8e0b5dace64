package post

import (
	"strings"
	"testing"
)

// TestTOMLDepth: TOML nested more than maxDepth levels deep, by inline
// tables, arrays, dotted keys or table headers, is refused before it is
// decoded, at the place where it gets too deep (issue 13, item 10).
func TestTOMLDepth(t *testing.T) {
	toml := func(lines ...string) string {
		return "+++\ntitle = \"x\"\n" + strings.Join(lines, "\n") + "\n+++\n"
	}
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	parts := func(n int) string { return strings.TrimSuffix(strings.Repeat("a.", n), ".") }
	const msg = "front matter is nested more than 200 levels deep here: flatten it"
	runProblems(t, []problemCase{
		{name: "inline tables", src: toml("x = " + deep("{a=", "}", 8000)),
			want: []want{{f + ":3:605", msg}}}, // the 201st {
		{name: "arrays", src: toml("x = " + deep("[", "]", 8000)),
			want: []want{{f + ":3:205", msg}}},
		{name: "arrays over several lines", src: toml("x = [", deep("[\n", "]\n", 300), "]"),
			want: []want{{f + ":203:1", msg}}},
		{name: "a dotted key", src: toml(parts(300) + " = 1"),
			want: []want{{f + ":3:402", msg}}}, // the dot before the 202nd part: the root is a level too
		{name: "a table header", src: toml("["+parts(300)+"]", "b = 1"),
			want: []want{{f + ":3:401", msg}}}, // the dot before the 201st part
		{name: "a deep header, then an inline table", src: toml("["+parts(150)+"]", "b = "+deep("{a=", "}", 60)),
			want: []want{{f + ":4:155", msg}}}, // the 51st {
		{name: "deep enough, in every way", src: toml("slug = \"a b\"", "["+parts(50)+"]", parts(50)+" = "+deep("{a=", "}", 50)+"  # "+strings.Repeat("[", 500)),
			want: []want{{f + ":3:8", `slug "a b" is not a plain name`}}},
		{name: "brackets in strings and comments", src: toml(
			`a = "`+strings.Repeat("[{", 300)+`\"`+strings.Repeat("[", 300)+`"`,
			`b = '`+strings.Repeat("[{\\", 300)+`'`,
			`c = """`+strings.Repeat("[\n{\"", 300)+`"""`,
			`d = '''`+strings.Repeat("[\n{'", 300)+`'''`,
			`e = ""`,
			`# `+strings.Repeat("[", 300),
			`"`+strings.Repeat("a.", 300)+`" = 1`,
			`slug = "a b"`),
			want: []want{{f + ":610:8", `slug "a b" is not a plain name`}}},
	})
}
