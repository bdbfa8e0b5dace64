package preview

import (
	"fmt"
	"strings"
	"testing"

	"github.com/impactblog/impactblog/internal/problem"
)

// TestBanner: warnings are listed escaped, with their source's link, at
// most MaxWarningsShown of them, and no banner without warnings.
func TestBanner(t *testing.T) {
	var ws []Warning
	for i := range MaxWarningsShown + 3 {
		ws = append(ws, Warning{Problem: problem.New("posts/a.md", i+1, 2, "generic-claim: \"<green>\""), SourceURL: "https://example.org/rule?a=1&b=2"})
	}
	page := string(inject([]byte("<html><body><p>Page</p></body></html>"), nil, "v", ws...))
	for _, want := range []string{
		`impactblog serve: 53 warnings</summary>`,
		`posts/a.md:1:2: generic-claim: &#34;&lt;green&gt;&#34; <a href="https://example.org/rule?a=1&amp;b=2"`,
		fmt.Sprintf("posts/a.md:%d:2:", MaxWarningsShown),
		"<li>and 3 more: the terminal lists them all</li>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, fmt.Sprintf("posts/a.md:%d:2:", MaxWarningsShown+1)) {
		t.Errorf("more than %d warnings listed", MaxWarningsShown)
	}
	if !strings.HasPrefix(page, "<html><body><p>Page</p>"+darkStyle+"<details") {
		t.Errorf("banner not before </body>: %s", page[:60])
	}
	if p := string(inject([]byte("<body></body>"), nil, "v")); strings.Contains(p, "impactblog-warnings") {
		t.Error("a banner without warnings")
	}
}
