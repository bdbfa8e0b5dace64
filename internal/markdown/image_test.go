package markdown

import (
	"strconv"
	"strings"
	"testing"
)

func TestImages(t *testing.T) {
	known := map[string]*Image{
		"photo.jpg": {Width: 1200, Height: 800, Sizes: "42rem",
			Srcset: []Source{{"/p/photo.480w.jpg", 480}, {"/p/photo.960w.jpg", 960}, {"/p/photo.jpg", 1200}}},
		"my chart.png": {Width: 300, Height: 200},
	}
	env := Env{
		Resolve: func(d string) string { return map[string]string{"photo.jpg": "/p/photo.jpg"}[d] },
		Image:   func(d string) *Image { return known[d] },
	}
	for _, tt := range []struct {
		name, src, want string
	}{
		{"a figure", "![Saplings on a hill](photo.jpg \"Planting day, <April> 2023\")\n",
			`<figure>
<img src="/p/photo.jpg" alt="Saplings on a hill" width="1200" height="800" srcset="/p/photo.480w.jpg 480w, /p/photo.960w.jpg 960w, /p/photo.jpg 1200w" sizes="42rem" decoding="async">
<figcaption>Planting day, &lt;April&gt; 2023</figcaption>
</figure>
`},
		{"no title: no figure", "![Saplings](photo.jpg)\n",
			`<p><img src="/p/photo.jpg" alt="Saplings" width="1200" height="800" srcset="/p/photo.480w.jpg 480w, /p/photo.960w.jpg 960w, /p/photo.jpg 1200w" sizes="42rem" decoding="async"></p>` + "\n"},
		{"in a sentence: no figure", "See ![a chart](my%20chart.png \"t\") here.\n",
			`<p>See <img src="my%20chart.png" alt="a chart" title="t" decoding="async"> here.</p>` + "\n"},
		{"a destination with a space is no image; an image on another site may be a figure", "![one](my chart.png)\n\n![two](https://img.example/x.png \"Two\")\n",
			`<p>![one](my chart.png)</p>` + "\n" + `<figure>
<img src="https://img.example/x.png" alt="two" decoding="async">
<figcaption>Two</figcaption>
</figure>
`},
		{"unknown to the site", "![a](a.png)\n\n![b](b.png)\n",
			`<p><img src="a.png" alt="a" decoding="async"></p>` + "\n" + `<p><img src="b.png" alt="b" loading="lazy" decoding="async"></p>` + "\n"},
		{"size without copies", "![c](<my chart.png>)\n",
			`<p><img src="my%20chart.png" alt="c" width="300" height="200" decoding="async"></p>` + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, err := New(Options{}).RenderWith([]byte(tt.src), env)
			if err != nil {
				t.Fatal(err)
			}
			if d.HTML != tt.want {
				t.Errorf("have %s\nwant: %s", d.HTML, tt.want)
			}
		})
	}
}

// TestImageSummary: a figure is not the post's first paragraph.
func TestImageSummary(t *testing.T) {
	d, err := New(Options{}).Render([]byte("![A hill](hill.jpg \"The hill\")\n\nWe planted trees.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Summary != "We planted trees." {
		t.Errorf("have %q", d.Summary)
	}
}

func TestImageWithoutAltIsAWarning(t *testing.T) {
	src := "Intro.\n\n> ![](photo.jpg \"A caption is no alt text\")\n\nAnd ![ ](x.png) and ![ok](y.png).\n"
	d, err := New(Options{}).Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, w := range d.Warnings {
		have = append(have, strconv.Itoa(w.Line)+":"+strconv.Itoa(w.Col)+": "+w.Msg)
	}
	want := []string{
		"3:3: the image photo.jpg has no alt text: say what it shows between the brackets, ![a volunteer planting a tree](photo.jpg), for readers who cannot see it",
		"5:5: the image x.png has no alt text: say what it shows between the brackets, ![a volunteer planting a tree](x.png), for readers who cannot see it",
	}
	if strings.Join(have, "\n") != strings.Join(want, "\n") {
		t.Errorf("have\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(d.HTML, "<blockquote>\n<figure>\n<img src=\"photo.jpg\" alt=\"\"") {
		t.Errorf("the figure in a quote: %s", d.HTML)
	}
}
