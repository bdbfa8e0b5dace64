package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	theme "github.com/impactblog/impactblog/templates"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

var update = flag.Bool("update", false, "rewrite the syntax highlighting block of templates/static/style.css")

const (
	cssStart = "/* Syntax highlighting:"
	cssEnd   = "/* End of syntax highlighting */"
)

// TestSyntaxCSS checks that the theme's stylesheet carries the classes of
// the style the highlighter uses; -update rewrites that block.
func TestSyntaxCSS(t *testing.T) {
	css, err := theme.FS.ReadFile("static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(css, []byte(cssStart))
	j := bytes.Index(css, []byte(cssEnd))
	if i < 0 || j < i {
		t.Fatalf("style.css has no block %q … %q", cssStart, cssEnd)
	}
	block := css[bytes.IndexByte(css[i:], '\n')+i+1 : j]
	want := SyntaxCSS()
	if *update {
		out := append(append(append([]byte{}, css[:bytes.IndexByte(css[i:], '\n')+i+1]...), want...), css[j:]...)
		if err := os.WriteFile("../../templates/static/style.css", out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(block, want) {
		t.Errorf("the syntax highlighting block of style.css is not the CSS of style %q: run go test ./internal/markdown -run TestSyntaxCSS -update", SyntaxStyle)
	}
	if !bytes.Contains(want, []byte(".chroma .k {")) {
		t.Errorf("SyntaxCSS has no keyword class:\n%s", want)
	}
}

func render(t *testing.T, src string) *Document {
	t.Helper()
	d, err := New(Options{SiteURL: "https://blog.example/"}).Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestHighlighting(t *testing.T) {
	tests := []struct {
		name string
		src  string
		has  []string
		not  []string
	}{
		{"go", "```go\nfunc main() { fmt.Println(\"<hi>\") }\n```\n",
			[]string{`<pre class="chroma"><code>`, `<span class="kd">func</span>`, `<span class="s">&#34;&lt;hi&gt;&#34;</span>`, "</code></pre>\n"},
			[]string{"style=", "<hi>"}},
		{"unknown language", "```nosuchlang\nx < y\n```\n",
			[]string{`<pre><code class="language-nosuchlang">x &lt; y` + "\n</code></pre>\n"},
			[]string{"chroma"}},
		{"no language", "```\nx < y\n```\n",
			[]string{"<pre><code>x &lt; y\n</code></pre>\n"},
			[]string{"chroma", "class="}},
		{"indented", "    x < y\n",
			[]string{"<pre><code>x &lt; y\n</code></pre>\n"}, []string{"chroma"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html := string(render(t, tt.src).HTML)
			for _, s := range tt.has {
				if !strings.Contains(html, s) {
					t.Errorf("have:\n%s\nwant it to contain %q", html, s)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(html, s) {
					t.Errorf("have:\n%s\nwant no %q", html, s)
				}
			}
		})
	}
}

func TestHeadingAnchors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"## Why we *did* it\n", `<h2 id="why-we-did-it">Why we <em>did</em> it <a class="anchor" href="#why-we-did-it" aria-label="Link to this section">#</a></h2>`},
		{"Setext\n======\n", `<h1 id="setext">Setext <a class="anchor" href="#setext" aria-label="Link to this section">#</a></h1>`},
		{"## Same\n\n## Same\n", `<h2 id="same-1">Same <a class="anchor" href="#same-1"`},
		{"### Go & \"co\"\n", `<h3 id="go--co">Go &amp; &ldquo;co&rdquo; <a class="anchor" href="#go--co"`},
	}
	for _, tt := range tests {
		if have := string(render(t, tt.src).HTML); !strings.Contains(have, tt.want) {
			t.Errorf("%q:\nhave %s\nwant %s", tt.src, have, tt.want)
		}
	}
}

func TestTOC(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"none", "Just text.\n", ""},
		{"flat", "## A\n\n## B\n", `<ol><li><a href="#a">A</a></li><li><a href="#b">B</a></li></ol>`},
		{"nested", "## A\n\n### A1\n\n### A2\n\n## B\n\n#### B1\n",
			`<ol><li><a href="#a">A</a><ol><li><a href="#a1">A1</a></li><li><a href="#a2">A2</a></li></ol></li>` +
				`<li><a href="#b">B</a><ol><li><ol><li><a href="#b1">B1</a></li></ol></li></ol></li></ol>`},
		{"deeper first", "### Deep\n\n## Up\n", `<ol><li><ol><li><a href="#deep">Deep</a></li></ol></li><li><a href="#up">Up</a></li></ol>`},
		{"only three levels", "# T\n\n## A\n\n### B\n\n#### C\n", `<ol><li><a href="#t">T</a><ol><li><a href="#a">A</a><ol><li><a href="#b">B</a></li></ol></li></ol></li></ol>`},
		{"text", "## \"Quotes\" & `code`\n", `<ol><li><a href="#quotes--code">“Quotes” &amp; code</a></li></ol>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if have := string(render(t, tt.src).TOC); have != tt.want {
				t.Errorf("have %s\nwant %s", have, tt.want)
			}
		})
	}
}

func TestExternalLinks(t *testing.T) {
	tests := []struct {
		src      string
		noopener bool
	}{
		{"[a](https://go.dev/doc/)", true},
		{"[a](http://go.dev)", true},
		{"[a](//cdn.example/x)", true},
		{"<https://go.dev>", true},
		{"www.go.dev", true},
		{"[a](https://blog.example/posts/x/)", false},
		{"[a](https://BLOG.example/)", false},
		{"[a](/posts/x/)", false},
		{"[a](other.md)", false},
		{"[a](#top)", false},
		{"[a](mailto:hi@example.org)", false},
		{"<hi@example.org>", false},
	}
	for _, tt := range tests {
		have := string(render(t, tt.src).HTML)
		if got := strings.Contains(have, `rel="noopener"`); got != tt.noopener {
			t.Errorf("%s:\nhave %s\nwant noopener %v", tt.src, have, tt.noopener)
		}
	}
}

func TestRefs(t *testing.T) {
	src := "Intro [out](https://go.dev), [here](/posts/gifts/).\n\n" +
		"Photo: ![a cat](cat.jpg) and ![ext](https://img.example/x.png).\n\n" +
		"- [older](2020-01-01-older.md#why)\n- [own](https://blog.example/tags/carbon/)\n\n" +
		"[ref]: ../shared/doc.pdf\n\nSee [the doc][ref] and [top](#top) and `[code](x.md)`.\n"
	d := render(t, src)
	var have []string
	for _, r := range d.Refs {
		have = append(have, fmt.Sprintf("%d:%d %s image=%v relative=%v", r.Line, r.Col, r.Dest, r.Image, r.Relative()))
	}
	want := []string{
		"1:30 /posts/gifts/ image=false relative=false",
		"3:8 cat.jpg image=true relative=true",
		"5:3 2020-01-01-older.md#why image=false relative=true",
		"6:3 https://blog.example/tags/carbon/ image=false relative=false",
		"10:5 ../shared/doc.pdf image=false relative=true",
	}
	if strings.Join(have, "\n") != strings.Join(want, "\n") {
		t.Errorf("refs:\nhave\n%s\nwant\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
	if d.Image != "cat.jpg" {
		t.Errorf("image: have %q, want cat.jpg", d.Image)
	}
}

func TestRenderWithResolve(t *testing.T) {
	src := "![a](cat.jpg) [b](other.md#x) [c](/posts/y/) [d](https://go.dev) [e](keep.pdf)\n"
	d, err := New(Options{}).RenderWith([]byte(src), Env{Resolve: func(dest string) string {
		return map[string]string{"cat.jpg": "/posts/me/cat.jpg", "other.md#x": "/posts/other/#x"}[dest]
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p><img src="/posts/me/cat.jpg" alt="a" decoding="async"> <a href="/posts/other/#x">b</a> <a href="/posts/y/">c</a> <a href="https://go.dev" rel="noopener">d</a> <a href="keep.pdf">e</a></p>` + "\n"
	if have := string(d.HTML); have != want {
		t.Errorf("have %s\nwant %s", have, want)
	}
	// Refs are as written.
	if d.Refs[0].Dest != "cat.jpg" || d.Refs[1].Dest != "other.md#x" {
		t.Errorf("refs: have %+v", d.Refs)
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // line:col message prefix
		html string   // contained in the output
	}{
		{"liquid", "Intro.\n\nSee {% include figure.html src=\"a.png\" %} here.\n",
			[]string{`3:5 template tag {% include figure.html src="a.png" %} is Liquid (Jekyll) or Tera (Zola) syntax`},
			`See {% include figure.html src=&quot;a.png&quot; %} here.`},
		{"liquid whitespace control", "{%- highlight ruby -%}\n",
			[]string{"1:1 template tag {%- highlight ruby -%} is Liquid (Jekyll) or Tera (Zola) syntax, which impactblog does not run: it is shown as plain text; write a fenced code block"}, ""},
		{"hugo shortcode", "Watch:\n{{< youtube w7Ft2ymGmfc >}}\n",
			[]string{"2:1 Hugo shortcode {{< youtube w7Ft2ymGmfc >}} is not defined in impactblog"},
			"{{&lt; youtube w7Ft2ymGmfc &gt;}}"},
		{"hugo percent and closing", "{{% notice \"tip\" %}}Hi{{% /notice %}}\n",
			[]string{`1:1 Hugo shortcode {{% notice "tip" %}} is not defined`, "1:23 Hugo shortcode {{% /notice %}} is not defined"},
			`<p>{{% notice &quot;tip&quot; %}}Hi{{% /notice %}}</p>`},
		{"in a heading, after accents", "## Été {{< ref \"x.md\" >}}\n",
			[]string{`1:8 Hugo shortcode {{< ref "x.md" >}} is not defined in impactblog: it is shown as plain text; link to the post's file instead`}, ""},
		{"zola shortcode", "Look: {{ youtube(id=\"dQw4w9WgXcQ\") }} and {{ not_a_call }}\n",
			[]string{`1:7 Zola shortcode {{ youtube(id="dQw4w9WgXcQ") }} is not defined in impactblog: it is shown as plain text; write a link to the video instead`},
			`{{ youtube(id=&quot;dQw4w9WgXcQ&quot;) }} and {{ not_a_call }}`},
		{"zola body shortcode", "{% note(kind=\"tip\") %}\nHi\n{% end %}\n",
			[]string{`1:1 template tag {% note(kind="tip") %} is Liquid (Jekyll) or Tera (Zola) syntax`, "3:1 template tag {% end %}"}, ""},
		{"ours is left alone", "We gave {{< total donations >}}.\n", nil, ""},
		{"code is code", "`{% raw %}`\n\n```\n{{< x >}}\n```\n", nil, "<code>{% raw %}</code>"},
		{"not closed", "a {% b\n", nil, "a {% b"},
		{"braces", "a {b} {{c}} {{ d }}\n", nil, "a {b} {{c}} {{ d }}"},
		{"destination", "![x]({{ site.baseurl }}/a.png) [y]({{site.url}}/about/)\n",
			[]string{"1:32 the destination {{site.url}}/about/ is written in another generator's template syntax"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := render(t, tt.src)
			if len(d.Warnings) != len(tt.want) {
				t.Fatalf("have %d warnings %+v, want %d", len(d.Warnings), d.Warnings, len(tt.want))
			}
			for i, w := range d.Warnings {
				if have := fmt.Sprintf("%d:%d %s", w.Line, w.Col, w.Msg); !strings.HasPrefix(have, tt.want[i]) {
					t.Errorf("warning %d:\nhave %s\nwant %s…", i, have, tt.want[i])
				}
			}
			if !strings.Contains(string(d.HTML), tt.html) {
				t.Errorf("html:\nhave %s\nwant it to contain %s", d.HTML, tt.html)
			}
		})
	}
}

func TestSummaryUnchanged(t *testing.T) {
	d := render(t, "## Heading\n\nFirst {% x %} paragraph.\n\nSecond.\n")
	if d.Summary != "First  paragraph." {
		t.Errorf("summary: have %q", d.Summary)
	}
}

// benchPost is a post of the size writers write, with what they use.
var benchPost = []byte(strings.Repeat(`## A section with "quotes"

Some text with a [link](https://go.dev/doc/), a [post](other-post.md#why), an
![image](photo.jpg) and a footnote.[^n] {% include note.html %}

`+"```go\nfunc cost(t, p decimal.Decimal) decimal.Decimal {\n\treturn t.Mul(p).Round(2)\n}\n```\n\n"+`| A | B |
|---|---|
| 1 | 2 |

[^n]: A note.

`, 8))

// BenchmarkRender compares goldmark with the same GFM options and nothing
// else ("plain") with this package's renderer ("impactblog"): the cost of
// highlighting, anchors, contents, refs and warnings.
func BenchmarkRender(b *testing.B) {
	plain := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	b.Run("plain", func(b *testing.B) {
		b.SetBytes(int64(len(benchPost)))
		for b.Loop() {
			var buf bytes.Buffer
			if err := plain.Convert(benchPost, &buf); err != nil {
				b.Fatal(err)
			}
		}
	})
	r := New(Options{SiteURL: "https://blog.example/"})
	b.Run("impactblog", func(b *testing.B) {
		b.SetBytes(int64(len(benchPost)))
		for b.Loop() {
			if _, err := r.Render(benchPost); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Without the code blocks: what the AST passes cost, apart from chroma.
	noCode := bytes.ReplaceAll(benchPost, []byte("```go"), []byte("```text-nolexer"))
	b.Run("plain-nohighlight", func(b *testing.B) {
		for b.Loop() {
			var buf bytes.Buffer
			if err := plain.Convert(noCode, &buf); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impactblog-nohighlight", func(b *testing.B) {
		for b.Loop() {
			if _, err := r.Render(noCode); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestConcurrentRenders renders from several goroutines at once, as the
// site does; run with -race.
func TestConcurrentRenders(t *testing.T) {
	r := New(Options{})
	want, err := r.Render(benchPost)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			d, err := r.Render(benchPost)
			if err == nil && d.HTML != want.HTML {
				err = fmt.Errorf("a concurrent render differs")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
