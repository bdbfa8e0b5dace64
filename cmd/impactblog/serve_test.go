package main

import (
	"regexp"

	"bufio"
	"bytes"
	"context"
	"fmt"
	"github.com/impactblog/impactblog/internal/blogtest"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/impactblog/impactblog/internal/preview"
	"github.com/impactblog/impactblog/internal/site"
	"github.com/impactblog/impactblog/templates"
)

// testDelay is the watcher's quiet period in these tests: generous, so that
// a multi-step save is one burst on a loaded machine under -race.
const testDelay = 100 * time.Millisecond

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// running is a serve command running in the background.
type running struct {
	url      string
	srv      *preview.Server
	dir      string
	stdout   *syncBuffer
	rebuilds chan bool // one value per rebuild: whether it succeeded
	stop     func() error
}

// startServe runs `impactblog serve` on a free loopback port for the blog in
// dir and waits until it listens. The server is stopped at the end of the test.
func startServe(t testing.TB, dir string, delay time.Duration, args ...string) *running {
	t.Helper()
	return startServeCmd(t, dir, &serveCommand{delay: delay}, args...)
}

// startServeCmd is startServe with the test hooks of cmd that it does not
// set itself (delay, gc).
func startServeCmd(t testing.TB, dir string, cmd *serveCommand, args ...string) *running {
	t.Helper()
	r := &running{dir: dir, stdout: &syncBuffer{}, rebuilds: make(chan bool, 1000)}
	ready := make(chan struct{})
	cmd.stdout, cmd.stderr = r.stdout, r.stdout
	cmd.ready = func(url string, srv *preview.Server) {
		r.url, r.srv = url, srv
		close(ready)
	}
	cmd.rebuilt = func(ok bool) { r.rebuilds <- ok }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- cmd.Run(ctx, append([]string{"-src", dir, "-addr", "127.0.0.1:0"}, args...))
	}()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("serve: %v\n%s", err, r.stdout)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("serve did not start within 30s")
	}
	<-r.rebuilds // the first build
	var once sync.Once
	var err error
	r.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				err = fmt.Errorf("serve did not stop within 10s")
			}
		})
		return err
	}
	t.Cleanup(func() {
		if err := r.stop(); err != nil {
			t.Error(err)
		}
	})
	return r
}

// countRebuilds waits for at least one rebuild, then for quiet, and returns
// how many rebuilds there were.
func (r *running) countRebuilds(t *testing.T) int {
	t.Helper()
	n := 0
	select {
	case <-r.rebuilds:
		n++
	case <-time.After(10 * time.Second):
		t.Fatalf("no rebuild within 10s\n%s", r.stdout)
	}
	for {
		select {
		case <-r.rebuilds:
			n++
		case <-time.After(10 * testDelay):
			return n
		}
	}
}

func (r *running) get(t testing.TB, path string) string {
	t.Helper()
	resp, err := http.Get(r.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func writeFile(t testing.TB, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// atomicWrite saves as vim, VS Code and JetBrains do: a temporary file,
// renamed over the post.
func atomicWrite(t testing.TB, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp1234")
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

func testPost(title, body string) string {
	return fmt.Sprintf("---\ntitle: %q\ndate: 2021-01-15\ntags: [carbon]\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 100\n---\n%s\n", title, body)
}

func smallBlog(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "site.toml", "title = \"Test blog\"\nbase_url = \"https://test.example/\"\n")
	writeFile(t, dir, "posts/first.md", testPost("First post", "The first text."))
	writeFile(t, dir, "posts/second.md", testPost("Second post", "The second text."))
	return dir
}

func TestServeRebuildsOncePerSave(t *testing.T) {
	dir := smallBlog(t)
	r := startServe(t, dir, testDelay)

	atomicWrite(t, dir, "posts/first.md", testPost("First post", "Saved by renaming."))
	if n := r.countRebuilds(t); n != 1 {
		t.Errorf("atomic-rename save: have %d rebuilds, want 1", n)
	}
	if page := r.get(t, "/posts/first/"); !strings.Contains(page, "Saved by renaming.") {
		t.Errorf("page not rebuilt after the save")
	}

	// A git checkout: fifty files at once, old ones rewritten and new ones
	// in a new folder.
	for i := range 25 {
		writeFile(t, dir, fmt.Sprintf("posts/burst-%02d.md", i), testPost(fmt.Sprintf("Burst %d", i), "Burst."))
		writeFile(t, dir, fmt.Sprintf("posts/2024/new-%02d.md", i), testPost(fmt.Sprintf("New %d", i), "New."))
	}
	if n := r.countRebuilds(t); n != 1 {
		t.Errorf("50-file burst: have %d rebuilds, want 1", n)
	}
	if page := r.get(t, "/posts/new-24/"); !strings.Contains(page, "New 24") {
		t.Errorf("a post of the burst is not served")
	}

	// Pages are requested while the site is rebuilt (the race detector
	// watches the old site being served while the new one is built).
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for _, p := range []string{"/", "/posts/first/", "/impact/", "/tags/carbon/", "/feed.xml"} {
		readers.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
					r.get(t, p)
				}
			}
		})
	}
	for i := range 3 {
		atomicWrite(t, dir, "posts/second.md", testPost("Second post", fmt.Sprintf("Edit %d.", i)))
		if ok := <-r.rebuilds; !ok {
			t.Fatalf("rebuild failed:\n%s", r.stdout)
		}
	}
	close(stop)
	readers.Wait()

	// Files outside posts/, templates/ and site.toml start no rebuild.
	writeFile(t, dir, "public/index.html", "old output")
	writeFile(t, dir, "notes.txt", "not part of the blog")
	select {
	case <-r.rebuilds:
		t.Error("a file outside the blog's sources started a rebuild")
	case <-time.After(10 * testDelay):
	}
}

func TestServeProblemsAndDeletes(t *testing.T) {
	dir := smallBlog(t)
	r := startServe(t, dir, testDelay)

	writeFile(t, dir, "posts/first.md", "---\ntitle: First post\ndate: 2021-13-45\n---\nBroken.\n")
	if ok := <-r.rebuilds; ok {
		t.Fatal("a broken post built")
	}
	page := r.get(t, "/posts/first/")
	if !strings.Contains(page, "impactblog-problems") || !strings.Contains(page, "posts/first.md:3:") || !strings.Contains(page, "The first text.") {
		t.Errorf("have no overlay naming posts/first.md:3 over the last good page")
	}
	if out := r.stdout.String(); !strings.Contains(out, "posts/first.md:3:") {
		t.Errorf("terminal does not show the problem:\n%s", out)
	}
	writeFile(t, dir, "posts/first.md", testPost("First post", "Fixed."))
	if ok := <-r.rebuilds; !ok {
		t.Fatalf("the fixed post did not build:\n%s", r.stdout)
	}
	if page := r.get(t, "/posts/first/"); strings.Contains(page, "impactblog-problems") || !strings.Contains(page, "Fixed.") {
		t.Errorf("overlay still shown, or the fix is not")
	}

	if err := os.Remove(filepath.Join(dir, "posts/second.md")); err != nil {
		t.Fatal(err)
	}
	<-r.rebuilds
	if page := r.get(t, "/posts/second/"); !strings.Contains(page, "Page not found") {
		t.Errorf("deleted post still served")
	}
	if page := r.get(t, "/"); strings.Contains(page, "Second post") {
		t.Errorf("deleted post still listed")
	}
}

func TestServeDrafts(t *testing.T) {
	dir := smallBlog(t)
	writeFile(t, dir, "posts/draft.md", "---\ntitle: A draft\ndate: 2021-02-01\ndraft: true\n---\nNot yet.\n")
	r := startServe(t, dir, testDelay, "-drafts")
	if page := r.get(t, "/posts/draft/"); !strings.Contains(page, "Draft: this post is not published yet.") {
		t.Errorf("draft not shown as a draft with -drafts")
	}
}

// TestServeStops checks that serve stops promptly with a browser listening:
// the event streams end when the server shuts down.
func TestServeStops(t *testing.T) {
	r := startServe(t, smallBlog(t), testDelay)
	resp, err := http.Get(r.url + strings.TrimPrefix(preview.EventsPath, "/") + "?page=/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if _, err := bufio.NewReader(resp.Body).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(resp.Body); err != nil {
		t.Logf("stream ended with %v", err)
	}
	if _, err := http.Get(r.url); err == nil {
		t.Error("still serving after stop")
	}
}

// BenchmarkReload measures the time from writing a post to the reload event
// reaching a browser (an event-stream client showing that post), for a
// one-post edit of the text. page-ms is the time to fetch the page once the
// event has arrived, as the browser does next.
//
//	go test -run='^$' -bench=Reload -benchtime=20x ./cmd/impactblog
func BenchmarkReload(b *testing.B) {
	b.Run("sample", func(b *testing.B) {
		dir := b.TempDir()
		for _, top := range []string{"posts", "pages"} {
			if err := os.CopyFS(filepath.Join(dir, top), os.DirFS("../../"+top)); err != nil {
				b.Fatal(err)
			}
		}
		cfg, err := os.ReadFile("../../site.toml")
		if err != nil {
			b.Fatal(err)
		}
		writeFile(b, dir, "site.toml", string(cfg))
		name := "posts/2021-01-15-our-small-victories-of-2020.md"
		text, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		benchReload(b, dir, name, "/posts/our-small-victories-of-2020/", func(i int) string {
			return string(text) + fmt.Sprintf("\nEdit number %d.\n", i)
		})
	})
	b.Run("10000posts", func(b *testing.B) {
		dir := b.TempDir()
		if err := blogtest.Generate(dir, genPosts, genSeed); err != nil {
			b.Fatal(err)
		}
		name, url, _ := genEdit(0)
		benchReload(b, dir, name, url, func(i int) string {
			_, _, text := genEdit(i)
			return text
		})
	})
}

func benchReload(b *testing.B, dir, name, page string, text func(int) string) {
	r := startServe(b, dir, 0) // the watcher's default quiet period, as in use
	resp, err := http.Get(r.url + strings.TrimPrefix(preview.EventsPath, "/") + "?page=" + page)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 16)
	var reloads atomic.Int64
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if ev, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				if ev == "reload" {
					reloads.Add(1)
				}
				events <- ev
			}
		}
		close(events)
	}()
	if ev := <-events; ev != "hello" {
		b.Fatalf("first event %q", ev)
	}
	var pageTime time.Duration
	b.ResetTimer()
	for i := range b.N {
		writeFile(b, dir, name, text(i))
		for ev := range events {
			if ev == "reload" {
				break
			}
		}
		b.StopTimer()
		start := time.Now()
		if !strings.Contains(r.get(b, page), fmt.Sprintf("Edit number %d.", i)) {
			b.Fatalf("page does not show edit %d", i)
		}
		pageTime += time.Since(start)
		<-r.rebuilds
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(float64(pageTime.Microseconds())/1000/float64(b.N), "page-ms")
	if n := reloads.Load(); n != int64(b.N) {
		b.Errorf("%d reloads for %d edits", n, b.N)
	}
}

// BenchmarkRebuild measures what serve does between a batch of changes and
// the reload event, without the watcher and HTTP: one post's text edited,
// the blog rebuilt incrementally and the post's page rendered, on a
// generated blog of 10,000 posts.
//
//	go test -run='^$' -bench=Rebuild -benchtime=20x ./cmd/impactblog
func BenchmarkRebuild(b *testing.B) {
	dir := b.TempDir()
	if err := blogtest.Generate(dir, genPosts, genSeed); err != nil {
		b.Fatal(err)
	}
	builder := site.NewBuilder(os.DirFS(dir), templates.FS, site.Options{BaseURL: "http://127.0.0.1:8080/"})
	ctx := context.Background()
	if _, err := builder.Build(ctx, nil); err != nil {
		b.Fatal(err)
	}
	name, url, _ := genEdit(0)
	var cpu time.Duration
	var last *preview.Snapshot // as serve keeps it
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		_, _, text := genEdit(i)
		writeFile(b, dir, name, text)
		cpu -= cpuTime()
		b.StartTimer()
		s, err := builder.Build(ctx, []string{name})
		if err != nil {
			b.Fatal(err)
		}
		last = last.Next(s)
		if _, err := last.Render(ctx, []string{url}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += cpuTime()
		b.StartTimer()
	}
	// The machine may be shared: CPU time is steadier than wall time.
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the CPU time the process has used, user and system, on every
// thread (the garbage collector's included).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestServeReportsATemplateThatFailsWhenRun: a template that parses but
// fails when it runs is reported by the rebuild, though no browser has
// opened a page that uses it.
func TestServeReportsATemplateThatFailsWhenRun(t *testing.T) {
	dir := smallBlog(t)
	r := startServe(t, dir, testDelay)
	writeFile(t, dir, "templates/tag.html", "{{define \"main\"}}\n{{.NoSuchField}}\n{{end}}\n")
	<-r.rebuilds
	// The check runs after the reload: give it a moment.
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(r.get(t, "/"), "templates/tag.html:2:") {
		if time.Now().After(deadline) {
			t.Fatalf("no overlay naming templates/tag.html:2 within 5s:\n%s", r.stdout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The generated blog of the benchmarks, and the post they edit.
const (
	genPosts = 10000
	genSeed  = 1
	genPost  = 4242
)

// genEdit is the edited post of the generated blog: its file, its page and
// its text, which ends in "Edit number i." for the page to show.
func genEdit(i int) (name, url, text string) {
	name, src := blogtest.Edit(genPost, genPosts, genSeed, i+1)
	slug := regexp.MustCompile(`(?m)^slug: (\S+)$`).FindSubmatch(src)[1]
	return name, "/posts/" + string(slug) + "/", string(src) + fmt.Sprintf("\nEdit number %d.\n", i)
}

// TestServeTimeouts: the preview's connections have header, read, write
// and idle timeouts (issue 13, item 16: without an idle timeout, 190 idle
// keep-alive connections under ulimit -n 200 made it unreachable).
func TestServeTimeouts(t *testing.T) {
	hs := (&serveCommand{}).httpServer(http.NotFoundHandler())
	for name, d := range map[string]time.Duration{
		"ReadHeaderTimeout": hs.ReadHeaderTimeout, "ReadTimeout": hs.ReadTimeout,
		"WriteTimeout": hs.WriteTimeout, "IdleTimeout": hs.IdleTimeout,
	} {
		if d <= 0 {
			t.Errorf("%s not set", name)
		}
	}
}

// shortTimeouts are timeouts a test can wait for.
func shortTimeouts() httpTimeouts {
	const d = 200 * time.Millisecond
	return httpTimeouts{readHeader: d, read: d, write: d, idle: d}
}

// TestServeClosesIdleConnections: a kept-alive connection that asks
// nothing more is closed by the server.
func TestServeClosesIdleConnections(t *testing.T) {
	r := startServeCmd(t, smallBlog(t), &serveCommand{delay: testDelay, timeouts: shortTimeouts()})
	conn, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(r.url, "http://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Close {
		t.Fatalf("have %d, close %v; want 200 on a kept-alive connection", resp.StatusCode, resp.Close)
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := br.ReadByte(); err != io.EOF {
		t.Errorf("idle connection: have %v, want it closed by the server (EOF)", err)
	}
}

// TestServeStreamOutlivesTimeouts: a live-reload stream is still open, and
// still reloads, long after the read and write timeouts of a request.
func TestServeStreamOutlivesTimeouts(t *testing.T) {
	dir := smallBlog(t)
	r := startServeCmd(t, dir, &serveCommand{delay: testDelay, timeouts: shortTimeouts()})
	resp, err := http.Get(r.url + strings.TrimPrefix(preview.EventsPath, "/") + "?page=/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 16)
	go func() {
		defer close(events)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if ev, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				events <- ev
			}
		}
	}()
	if ev := <-events; ev != "hello" {
		t.Fatalf("first event: have %q, want hello", ev)
	}
	time.Sleep(3 * shortTimeouts().write) // past every timeout
	writeFile(t, dir, "posts/first.md", testPost("First post", "Edited."))
	select {
	case ev, ok := <-events:
		if !ok {
			t.Fatal("the stream ended")
		}
		if ev != "reload" {
			t.Errorf("have %q, want reload", ev)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10s of the edit")
	}
}
