package preview

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/publish"
	"github.com/impactblog/impactblog/internal/site"
	theme "github.com/impactblog/impactblog/templates"
)

var now = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

const postA = `---
title: Black Friday
date: 2020-11-30
tags: [carbon]
impact:
  offsets:
    - provider: GoodPlanet Foundation
      tonnes: 31.4
      price_per_tonne: 20
---
We offset Black Friday.
`

// recordingFS is an fs.FS that records every name opened.
type recordingFS struct {
	fs.FS
	mu     sync.Mutex
	opened []string
}

func (r *recordingFS) Open(name string) (fs.File, error) {
	r.mu.Lock()
	r.opened = append(r.opened, name)
	r.mu.Unlock()
	return r.FS.Open(name)
}

func (r *recordingFS) reset() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	o := r.opened
	r.opened = nil
	return o
}

// newBlog writes a blog into a temp dir, beside a secret file that must
// never be served, and returns the blog's folder.
func newBlog(t *testing.T, files map[string]string) (dir, secret string) {
	t.Helper()
	root := t.TempDir()
	secret = "TOP-SECRET-" + t.Name()
	if err := os.WriteFile(filepath.Join(root, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(root, "blog")
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, secret
}

// serve builds blog and returns a Server publishing it.
func serve(t *testing.T, src fs.FS) (*Server, *site.Builder) {
	t.Helper()
	b := site.NewBuilder(src, theme.FS, site.Options{Now: now, BaseURL: "http://127.0.0.1:8080/"})
	s, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := New()
	t.Cleanup(srv.Close)
	srv.Publish(NewSnapshot(s), nil)
	return srv, b
}

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

func TestServe(t *testing.T) {
	dir, _ := newBlog(t, map[string]string{"posts/black-friday.md": postA})
	srv, _ := serve(t, os.DirFS(dir))
	tests := []struct {
		path     string
		status   int
		ctype    string
		injected bool
		contains string
	}{
		{"/", 200, "text/html; charset=utf-8", true, "Black Friday"},
		{"/index.html", 200, "text/html; charset=utf-8", true, "Black Friday"},
		{"/posts/black-friday/", 200, "text/html; charset=utf-8", true, "We offset Black Friday."},
		{"/posts/black-friday/index.html", 200, "text/html; charset=utf-8", true, "We offset Black Friday."},
		{"/tags/carbon/", 200, "text/html; charset=utf-8", true, "Black Friday"},
		{"/style.css", 200, "text/css; charset=utf-8", false, ""},
		{"/feed.xml", 200, "application/atom+xml; charset=utf-8", false, "<feed"},
		{"/rss.xml", 200, "application/rss+xml; charset=utf-8", false, "<rss"},
		{"/sitemap.xml", 200, "application/xml; charset=utf-8", false, "<urlset"},
		{"/robots.txt", 200, "text/plain; charset=utf-8", false, "User-agent"},
		{"/impact.json", 200, "application/json", false, `"posts": 1`},
		{"/impact.csv", 200, "text/csv; charset=utf-8", false, "GoodPlanet Foundation"},
		{"/no/such/page/", 404, "text/html; charset=utf-8", true, "Page not found"},
		{"/no-such.css", 404, "text/html; charset=utf-8", true, "Page not found"},
		{"/posts/black-friday", 301, "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := get(t, srv, tt.path)
			if rec.Code != tt.status {
				t.Fatalf("status: have %d, want %d", rec.Code, tt.status)
			}
			if tt.ctype != "" {
				if have := rec.Header().Get("Content-Type"); have != tt.ctype {
					t.Errorf("Content-Type: have %q, want %q", have, tt.ctype)
				}
			}
			body := rec.Body.String()
			if have := strings.Contains(body, EventsPath); have != tt.injected {
				t.Errorf("live-reload script injected: have %v, want %v", have, tt.injected)
			}
			if tt.injected {
				if i, j := strings.Index(body, "<script>/* impactblog serve"), strings.LastIndex(body, "</body>"); i < 0 || j < i {
					t.Errorf("script not just before </body>:\n%s", body[max(0, len(body)-600):])
				}
			}
			if !strings.Contains(body, tt.contains) {
				t.Errorf("body lacks %q", tt.contains)
			}
		})
	}
	if loc := get(t, srv, "/posts/black-friday?x=1").Header().Get("Location"); loc != "/posts/black-friday/?x=1" {
		t.Errorf("redirect: have %q, want /posts/black-friday/?x=1", loc)
	}
}

// TestServeMatchesBuild checks that every file served, less the injected
// script, is the file `build` writes, and that build output has no script.
func TestServeMatchesBuild(t *testing.T) {
	dir, _ := newBlog(t, map[string]string{"posts/black-friday.md": postA, "posts/cyber-monday.md": strings.Replace(postA, "Black Friday", "Cyber Monday", -1)})
	srv, b := serve(t, os.DirFS(dir))
	s, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	out := publish.NewMemory()
	if _, err := s.Render(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	for _, name := range out.Names() {
		want, _ := out.Get(name)
		if strings.Contains(string(want), EventsPath) {
			t.Errorf("%s: build output has the live-reload script", name)
		}
		rec := get(t, srv, "/"+name)
		have := rec.Body.String()
		if i := strings.Index(have, "<script>/* impactblog serve"); i >= 0 {
			j := strings.Index(have[i:], "</script>\n") + len("</script>\n")
			have = have[:i] + have[i+j:]
		}
		if want404 := name == "404.html"; (rec.Code == 404) != want404 && rec.Code != 200 {
			t.Errorf("%s: status %d", name, rec.Code)
		}
		if have != string(want) {
			t.Errorf("%s: served file differs from the built one", name)
		}
	}
}

func TestPathTraversal(t *testing.T) {
	dir, secret := newBlog(t, map[string]string{"posts/black-friday.md": postA})
	rec := &recordingFS{FS: os.DirFS(dir)}
	srv, _ := serve(t, rec)
	rec.reset()
	ts := httptest.NewServer(srv)
	defer ts.Close()
	paths := []string{
		"/../secret.txt",
		"/posts/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/%2e%2e/secret.txt",
		"/posts/..%2f..%2fsecret.txt",
		"/..%2fsecret.txt",
		"/%2f..%2fsecret.txt",
		"/..\\secret.txt",
		"/..%5csecret.txt",
		"/posts/%5c..%5c..%5csecret.txt",
		"/./secret.txt",
		"/secret.txt",
		"//secret.txt",
		"/posts/black-friday/%00",
	}
	for _, p := range paths {
		t.Run(p, func(t *testing.T) {
			// A raw request: no client cleans the path first.
			resp := rawGet(t, ts.URL, p)
			t.Logf("%s → %d", p, resp.status)
			if resp.status != 400 && resp.status != 404 {
				t.Errorf("status: have %d, want 400 or 404", resp.status)
			}
			if strings.Contains(resp.body, secret) {
				t.Errorf("served the secret file")
			}
		})
	}
	if opened := rec.reset(); len(opened) > 0 {
		t.Errorf("files opened while serving: %v", opened)
	}
}

type rawResponse struct {
	status int
	body   string
}

// rawGet sends GET path exactly as written.
func rawGet(t *testing.T, base, p string) rawResponse {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.URL.Opaque = p // sent verbatim as the request target
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return rawResponse{resp.StatusCode, string(body)}
}

func TestMethods(t *testing.T) {
	dir, _ := newBlog(t, map[string]string{"posts/black-friday.md": postA})
	srv, _ := serve(t, os.DirFS(dir))
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: have %d, want 405", rec.Code)
	}
	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/", nil))
	if rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get("Content-Length") == "0" {
		t.Errorf("HEAD: have %d, %d bytes, Content-Length %q", rec.Code, rec.Body.Len(), rec.Header().Get("Content-Length"))
	}
}

func TestOverlay(t *testing.T) {
	dir, _ := newBlog(t, map[string]string{"posts/black-friday.md": postA})
	srv, b := serve(t, os.DirFS(dir))
	problems := problem.List{
		problem.New("posts/a.md", 3, 7, "date is not a date"),
		problem.New("templates/post.html", 12, 3, `function "nope" not defined & <escaped>`),
	}
	srv.Fail(problems)
	for _, p := range []string{"/", "/posts/black-friday/", "/nowhere/"} {
		body := get(t, srv, p).Body.String()
		for _, want := range []string{
			`id="impactblog-problems"`,
			"posts/a.md:3:7: date is not a date",
			"templates/post.html:12:3: function &#34;nope&#34; not defined &amp; &lt;escaped&gt;",
			"<html", // still the last good site
		} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: lacks %q", p, want)
			}
		}
	}
	for _, p := range []string{"/style.css", "/feed.xml", "/impact.json"} {
		if body := get(t, srv, p).Body.String(); strings.Contains(body, "impactblog-problems") {
			t.Errorf("%s: overlay in a file that is not HTML", p)
		}
	}
	s, err := b.Build(context.Background(), []string{"posts/black-friday.md"})
	if err != nil {
		t.Fatal(err)
	}
	srv.Publish(NewSnapshot(s), []string{"posts/black-friday.md"})
	if body := get(t, srv, "/").Body.String(); strings.Contains(body, "impactblog-problems") || !strings.Contains(body, "Black Friday") {
		t.Error("overlay still shown after a good build, or the site is gone")
	}
}

func TestNoSiteYet(t *testing.T) {
	srv := New()
	defer srv.Close()
	srv.Fail(problem.List{problem.New("site.toml", 2, 1, "unknown setting")})
	rec := get(t, srv, "/")
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "site.toml:2:1: unknown setting") {
		t.Errorf("have %d %q", rec.Code, rec.Body.String())
	}
}

func TestRenderErrorOnRequest(t *testing.T) {
	dir, _ := newBlog(t, map[string]string{
		"posts/black-friday.md": postA,
		"templates/post.html":   `{{define "main"}}{{.Post.NoSuchField}}{{end}}`,
	})
	srv, _ := serve(t, os.DirFS(dir))
	rec := get(t, srv, "/posts/black-friday/")
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("status: have %d, want 500", rec.Code)
	}
	if body := rec.Body.String(); !strings.Contains(body, "templates/post.html:1:") || !strings.Contains(body, "NoSuchField") {
		t.Errorf("overlay lacks the template problem:\n%s", body)
	}
	if rec := get(t, srv, "/"); rec.Code != 200 {
		t.Errorf("index: have %d, want 200", rec.Code)
	}
}

// stream reads Server-Sent Events.
type stream struct {
	resp   *http.Response
	events chan [2]string
}

func openStream(t *testing.T, base, page string) *stream {
	t.Helper()
	resp, err := http.Get(base + EventsPath + "?page=" + page)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type: %q", ct)
	}
	s := &stream{resp: resp, events: make(chan [2]string, 16)}
	go func() {
		defer close(s.events)
		sc := bufio.NewScanner(resp.Body)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "" && name != "":
				s.events <- [2]string{name, data}
				name, data = "", ""
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	return s
}

func (s *stream) next(t *testing.T) (name, data string) {
	t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			t.Fatal("stream ended")
		}
		return ev[0], ev[1]
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5s")
	}
	return "", ""
}

func TestLiveReload(t *testing.T) {
	dir, _ := newBlog(t, map[string]string{"posts/black-friday.md": postA})
	srv, b := serve(t, os.DirFS(dir))
	ts := httptest.NewServer(srv)
	defer ts.Close()
	st := openStream(t, ts.URL, "/posts/black-friday/")
	name, v1 := st.next(t)
	if name != "hello" {
		t.Fatalf("first event: have %q, want hello", name)
	}
	if page := get(t, srv, "/").Body.String(); !strings.Contains(page, `"`+v1+`"`) {
		t.Errorf("page does not carry version %s", v1)
	}
	waitFor(t, func() bool { return len(srv.OpenPages()) == 1 })
	if pages := srv.OpenPages(); pages[0] != "/posts/black-friday/" {
		t.Errorf("open pages: %v", pages)
	}

	s, err := b.Build(context.Background(), []string{"posts/black-friday.md"})
	if err != nil {
		t.Fatal(err)
	}
	srv.Publish(NewSnapshot(s), []string{"posts/black-friday.md"})
	if name, v2 := st.next(t); name != "reload" || v2 == v1 {
		t.Errorf("after a post changed: have %s %s, want reload with a new version", name, v2)
	}
	srv.Publish(NewSnapshot(s), []string{"templates/static/style.css"})
	if name, _ := st.next(t); name != "css" {
		t.Errorf("after a stylesheet changed: have %s, want css", name)
	}
	srv.Fail(problem.List{problem.New("posts/a.md", 1, 1, "broken")})
	if name, _ := st.next(t); name != "reload" {
		t.Errorf("after a failed build: have %s, want reload", name)
	}
	srv.Publish(NewSnapshot(s), []string{"templates/static/style.css"})
	if name, _ := st.next(t); name != "reload" {
		t.Errorf("a stylesheet fixing a failed build: have %s, want reload (to remove the overlay)", name)
	}

	// A new stream hears the current version.
	st2 := openStream(t, ts.URL, "/")
	if name, v := st2.next(t); name != "hello" || v == v1 {
		t.Errorf("second stream: have %s %s", name, v)
	}

	// Close ends the streams, so that http.Server.Shutdown can return.
	srv.Close()
	for _, s := range []*stream{st, st2} {
		select {
		case _, ok := <-s.events:
			for ok {
				_, ok = <-s.events
			}
		case <-time.After(5 * time.Second):
			t.Fatal("stream still open after Close")
		}
	}
	if rec := get(t, srv, EventsPath); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("stream after Close: have %d, want 503", rec.Code)
	}
}

func TestHubDropsSlowClient(t *testing.T) {
	h := newHub()
	slow, _ := h.register("/a/")
	fast, _ := h.register("/b/")
	for i := range clientBuffer + 1 {
		h.broadcast(event{name: "reload", data: "v"})
		if i < clientBuffer {
			<-fast.ch
		}
	}
	<-fast.ch
	n := 0
	for range slow.ch { // closed once dropped
		n++
	}
	if n != clientBuffer {
		t.Errorf("slow client got %d events before being dropped, want %d", n, clientBuffer)
	}
	if h.len() != 1 {
		t.Errorf("clients: have %d, want 1", h.len())
	}
	h.unregister(slow) // already dropped: no double close
	h.close()
	if _, ok := <-fast.ch; ok {
		t.Error("close left a channel open")
	}
	if _, err := h.register("/c/"); err != errClosed {
		t.Errorf("register after close: have %v, want errClosed", err)
	}
}

// TestStreamLimit: past the most browsers allowed, a stream is refused
// with 503 and a sentence, until one of them leaves.
func TestStreamLimit(t *testing.T) {
	srv := New()
	srv.hub.max = 2
	ts := httptest.NewServer(srv)
	defer ts.Close()
	defer srv.Close() // first: it ends the streams, which ts.Close waits for
	first := openStream(t, ts.URL, "/")
	openStream(t, ts.URL, "/")
	first.next(t)
	waitFor(t, func() bool { return srv.Listeners() == 2 })

	resp, err := http.Get(ts.URL + EventsPath + "?page=/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "close some") {
		t.Errorf("third stream: have %d %q, want 503 saying to close some pages", resp.StatusCode, body)
	}

	first.resp.Body.Close()
	waitFor(t, func() bool { return srv.Listeners() == 1 })
	if name, _ := openStream(t, ts.URL, "/").next(t); name != "hello" {
		t.Errorf("a stream after one left: have %s, want hello", name)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met within 5s")
}

// TestSnapshotNext: a snapshot made with Next serves the new site, whether
// the site's files are the same as before (the index is shared) or not
// (a post was added: the index is made again).
func TestSnapshotNext(t *testing.T) {
	dir, _ := newBlog(t, map[string]string{"posts/black-friday.md": postA})
	b := site.NewBuilder(os.DirFS(dir), theme.FS, site.Options{Now: now})
	ctx := context.Background()
	s, err := b.Build(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	first := NewSnapshot(s)
	edit := func(name, text string) *site.Site {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := b.Build(ctx, []string{name})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	second := first.Next(edit("posts/black-friday.md", postA+"\nA new sentence.\n"))
	if len(second.index) != len(first.index) || fmt.Sprintf("%p", second.index) != fmt.Sprintf("%p", first.index) {
		t.Error("an edit of a post's text made a new index of the site's files")
	}
	third := second.Next(edit("posts/second.md", "---\ntitle: Second\ndate: 2021-02-01\n---\nAnother post.\n"))
	if third.Len() <= second.Len() || fmt.Sprintf("%p", third.index) == fmt.Sprintf("%p", second.index) {
		t.Errorf("a new post: %d files, then %d, with the same index", second.Len(), third.Len())
	}
	for _, tt := range []struct {
		sn   *Snapshot
		name string
		want string
	}{
		{second, "posts/black-friday/index.html", "A new sentence."},
		{third, "posts/black-friday/index.html", "A new sentence."},
		{third, "posts/second/index.html", "Another post."},
	} {
		data, ok, err := tt.sn.file(tt.name)
		if !ok || err != nil || !strings.Contains(string(data), tt.want) {
			t.Errorf("%s: ok %v, err %v, want it to contain %q", tt.name, ok, err, tt.want)
		}
	}
	if _, ok, _ := second.file("posts/second/index.html"); ok {
		t.Error("the older snapshot serves the post added after it")
	}
}

// TestInject checks that the script goes before the last </body>, in any
// case, whatever the text before it. Some letters change length when
// lower-cased (Ⱥ grows from 2 bytes to 3, İ shrinks from 2 to 1), so an
// offset in a lower-cased copy is not an offset in the page: ten Ⱥ made
// inject panic, and İ put the script inside </footer>.
func TestInject(t *testing.T) {
	const tail = "</footer></body></html>"
	tests := []struct {
		name, page string
		at         int // where the script goes; -1: the end
	}{
		{"plain", "<p>x</p>" + tail, len("<p>x</p></footer>")},
		{"Ⱥ grows", strings.Repeat("Ⱥ", 10) + tail, len(strings.Repeat("Ⱥ", 10) + "</footer>")},
		{"Ⱥ past the end", strings.Repeat("Ⱥ", 10) + "</body>", len(strings.Repeat("Ⱥ", 10))},
		{"İ shrinks", strings.Repeat("İ", 3) + tail, len(strings.Repeat("İ", 3) + "</footer>")},
		{"upper case", "<P>x</P></BODY></HTML>", len("<P>x</P>")},
		{"mixed case, space", "x</BoDy >", 1},
		{"the last of two", "</body>x</body>", len("</body>x")},
		{"none", "<p>no end</p>", -1},
		{"empty", "", -1},
		{"cut short", "x</bod", -1},
		{"at the start", "</body>", 0},
	}
	add := string(inject(nil, nil, "v"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("panic: %v", p)
				}
			}()
			at := tt.at
			if at < 0 {
				at = len(tt.page)
			}
			want := tt.page[:at] + add + tt.page[at:]
			if have := string(inject([]byte(tt.page), nil, "v")); have != want {
				t.Errorf("have %q\nwant %q", have, want)
			}
		})
	}
}

// FuzzInject checks that inject, for any page, inserts the overlay and
// script exactly once, before the last "</body" in any ASCII case (found
// here in a copy lower-cased byte by byte, which keeps every offset), or at
// the end, and changes nothing else.
//
//	go test -run='^$' -fuzz=FuzzInject -fuzztime=60s -parallel=1 ./internal/preview/
func FuzzInject(f *testing.F) {
	for _, page := range []string{
		"", "</body>", "<html><body><p>x</p></body></html>", "</BODY>", "</BoDy >x",
		strings.Repeat("Ⱥ", 10) + "</body>", "İİİ</footer></body></html>",
		"</body></body>", "x</bod", "</", "\xff\xfe</body>",
	} {
		f.Add([]byte(page), "")
	}
	f.Add([]byte("<p>İ</p></body>"), "posts/a.md: İȺ </body> <script>")
	f.Fuzz(func(t *testing.T, page []byte, message string) {
		var problems problem.List
		if message != "" {
			problems = problem.List{problem.New("posts/a.md", 1, 2, "%s", message)}
		}
		add := inject(nil, problems, "v")
		lower := make([]byte, len(page))
		for i, c := range page {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			lower[i] = c
		}
		at := bytes.LastIndex(lower, []byte("</body"))
		if at < 0 {
			at = len(page)
		}
		have := inject(page, problems, "v")
		want := append(append(append([]byte{}, page[:at]...), add...), page[at:]...)
		if !bytes.Equal(have, want) {
			t.Fatalf("page %q: have %q, want the script at %d: %q", page, have, at, want)
		}
		if utf8.Valid(page) && utf8.Valid(add) && !utf8.Valid(have) {
			t.Fatalf("page %q: the script split a character: %q", page, have)
		}
	})
}
