// Package preview serves a blog while its writer edits it: the handler
// behind `impactblog serve`.
//
// # What is served
//
// A [Server] serves the last good build of the site, from memory, at the
// URLs `impactblog build` writes (package site): "/posts/x/" and
// "/posts/x/index.html" are the same page, "/posts/x" redirects to
// "/posts/x/", and any other path gets the site's own 404.html with status
// 404. Content types are those of a static file server (HTML, CSS and text
// in UTF-8; feed.xml as Atom, rss.xml as RSS). Nothing is read from disk and
// nothing is written: the published public/ folder is never involved.
//
// Pages are rendered when first asked for and kept until the next build (a
// [Snapshot]), so a rebuild renders nothing but the pages open in a browser.
//
// Requests whose path could climb out of the site are refused with 400:
// a ".." or "." segment (also written %2e%2e), an encoded slash (%2f) or
// backslash (%5c), a backslash, or a NUL byte. Only GET and HEAD are served.
//
// # Live reload
//
// Into every HTML response, and only there, the server injects a small
// inline script before </body>. The script opens a Server-Sent Events
// stream at /.impactblog/events (a path no site has: page and file names
// never start with a dot) and
//
//   - reloads the page on a "reload" event;
//   - on a "css" event, sent when only stylesheets changed, refreshes the
//     page's stylesheets without reloading it;
//   - on connecting, gets a "hello" event with the site's version, and
//     reloads if the page was served from another version: a browser that
//     was dropped, or that loaded the page just before a rebuild, catches up.
//
// The streams end when the Server is closed. A stream is not bound by the
// http.Server's ReadTimeout or WriteTimeout, which are for pages, but each
// event must be written within 10 s. At most 64 browsers listen at once;
// more get 503 and no live reload. Nothing is injected into what
// `impactblog build` writes.
//
// # Who may ask
//
// [AllowHosts] wraps a Server so that it answers only requests whose Host
// header names the preview: localhost, 127.0.0.1, [::1] or the host it
// listens on, with any port; any other gets 421 Misdirected Request. A web
// page the writer visits could otherwise rebind its own name to 127.0.0.1
// and read the drafts (DNS rebinding). Listening on every interface
// (-addr 0.0.0.0:8080), the preview also answers for this machine's own
// addresses and host name, so that a phone on the same network can open it.
//
// # Problems
//
// When a build fails, [Server.Fail] keeps the last good site and every HTML
// page gets an overlay listing each problem as path:line:col: message, the
// text the terminal prints. The next good build removes it. A page whose
// template fails when it is rendered is answered 500 with the same overlay.
//
// # Warnings
//
// The warnings of the build served ([Server.Publish]'s, such as a claims
// finding) are a smaller banner at the foot of every HTML page, folded to
// one line ("3 warnings") that opens to list them, each as the terminal
// prints it, with a link to its rule's source when it has one. It does
// not hide the page; at most MaxWarningsShown are listed.
package preview

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"mime"
	"net/http"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/site"
)

// EventsPath is the path of the live-reload event stream.
const EventsPath = "/.impactblog/events"

// streamWriteTimeout is how long one event of a live-reload stream may
// take to be written before the stream is ended.
const streamWriteTimeout = 10 * time.Second

// A Snapshot is one build of the site, each file rendered once, when it is
// first needed. It is safe for concurrent use.
type Snapshot struct {
	site  *site.Site
	outs  []site.Output
	index map[string]int // outs by file name ("posts/x/index.html"); shared by the snapshots of Next

	mu    sync.Mutex
	cache map[string]*rendered
}

type rendered struct {
	once sync.Once
	data []byte
	err  error
}

// NewSnapshot prepares s to be served. It renders nothing.
func NewSnapshot(s *site.Site) *Snapshot { return (*Snapshot)(nil).Next(s) }

// Next is NewSnapshot for the site built after sn's (sn may be nil). When
// s has the same files as sn's site, in the same order, as after most
// edits, the index of files by name is sn's: on a large blog making it is
// a good part of a rebuild.
func (sn *Snapshot) Next(s *site.Site) *Snapshot {
	next := &Snapshot{site: s, outs: s.Outputs(), cache: map[string]*rendered{}}
	if sn != nil && sameNames(sn.outs, next.outs) {
		next.index = sn.index
		return next
	}
	next.index = make(map[string]int, len(next.outs))
	for i, o := range next.outs {
		next.index[o.Name] = i
	}
	return next
}

// sameNames reports whether a and b are files of the same names, in the
// same order.
func sameNames(a, b []site.Output) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name {
			return false
		}
	}
	return true
}

// output is the file of the site called name.
func (sn *Snapshot) output(name string) (site.Output, bool) {
	i, ok := sn.index[name]
	if !ok {
		return site.Output{}, false
	}
	return sn.outs[i], true
}

// Len is the number of files of the site.
func (sn *Snapshot) Len() int { return len(sn.outs) }

// file renders the file name, once. ok is false when the site has no such file.
func (sn *Snapshot) file(name string) (data []byte, ok bool, err error) {
	o, ok := sn.output(name)
	if !ok {
		return nil, false, nil
	}
	sn.mu.Lock()
	r := sn.cache[name]
	if r == nil {
		r = &rendered{}
		sn.cache[name] = r
	}
	sn.mu.Unlock()
	r.once.Do(func() {
		if o.Page != nil {
			r.data, r.err = sn.site.RenderPage(o.Page)
		} else {
			r.data, r.err = o.Bytes()
		}
	})
	return r.data, true, r.err
}

// Render renders now the files that serve the given URL paths (the pages
// open in a browser), in parallel, and reports how many it rendered. Paths
// that are not files of the site are skipped. The error is a problem.List.
func (sn *Snapshot) Render(ctx context.Context, paths []string) (int, error) {
	var names []string
	for _, p := range paths {
		if name, _, ok := sn.resolve(p); ok {
			names = append(names, name)
		}
	}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		problems problem.List
		next     = make(chan string)
	)
	for range min(len(names), runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for name := range next {
				if _, _, err := sn.file(name); err != nil {
					mu.Lock()
					problems = append(problems, problem.From(name, err)...)
					mu.Unlock()
				}
			}
		})
	}
	n := 0
	for _, name := range names {
		if ctx.Err() != nil {
			break
		}
		next <- name
		n++
	}
	close(next)
	wg.Wait()
	if len(problems) > 0 {
		problems.Sort()
		return n, problems
	}
	return n, ctx.Err()
}

// resolve maps a URL path to the file that serves it. redirect is set when
// the path names a folder without its final slash.
func (sn *Snapshot) resolve(p string) (name, redirect string, ok bool) {
	name = strings.TrimPrefix(p, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if _, ok := sn.index[name]; ok {
		return name, "", true
	}
	if !strings.HasSuffix(p, "/") {
		if _, ok := sn.index[strings.TrimPrefix(p, "/")+"/index.html"]; ok {
			return "", p + "/", false
		}
	}
	return "", "", false
}

// A Server is the preview's http.Handler. The zero value is not usable;
// call New.
type Server struct {
	hub   *hub
	epoch string // distinguishes one server's versions from another's

	mu       sync.Mutex
	good     *Snapshot    // the last good build; nil before the first
	problems problem.List // of the last build; nil when it succeeded
	warnings []Warning    // of the build served
	version  int
}

// A Warning is a warning of a build, and where its rule comes from.
type Warning struct {
	*problem.Problem
	SourceURL string // the rule's source, or ""
}

// MaxWarningsShown is how many warnings the banner lists.
const MaxWarningsShown = 50

// New returns a server with no site yet: until Publish, every request gets
// a page saying so (with the problems given to Fail, if any).
func New() *Server {
	return &Server{hub: newHub(), epoch: strconv.FormatInt(time.Now().UnixNano(), 36)}
}

// Publish makes sn the site served and removes any overlay. Browsers reload,
// except that when every changed path is a stylesheet (and there was no
// overlay to remove) they only refresh their styles.
func (s *Server) Publish(sn *Snapshot, changed []string, warnings ...Warning) {
	s.mu.Lock()
	s.warnings = warnings
	cssOnly := len(changed) > 0 && s.good != nil && len(s.problems) == 0
	for _, c := range changed {
		cssOnly = cssOnly && path.Ext(c) == ".css"
	}
	s.good, s.problems = sn, nil
	s.version++
	ev := event{name: "reload", data: s.versionLocked()}
	if cssOnly {
		ev.name = "css"
	}
	s.mu.Unlock()
	s.hub.broadcast(ev)
}

// Fail keeps the site served and shows problems over every HTML page.
// Browsers reload to show them.
func (s *Server) Fail(problems problem.List) { s.fail(nil, problems) }

// FailIfCurrent is Fail, when sn is still the site served: a problem found
// late in a build that has since been replaced is no longer true. It
// reports whether the problems are now shown.
func (s *Server) FailIfCurrent(sn *Snapshot, problems problem.List) bool {
	return s.fail(sn, problems)
}

// fail shows problems, unless only is not nil and no longer served.
func (s *Server) fail(only *Snapshot, problems problem.List) bool {
	s.mu.Lock()
	if only != nil && s.good != only {
		s.mu.Unlock()
		return false
	}
	s.problems = problems
	s.version++
	ev := event{name: "reload", data: s.versionLocked()}
	s.mu.Unlock()
	s.hub.broadcast(ev)
	return true
}

// OpenPages lists the URL paths of the pages open in a browser.
func (s *Server) OpenPages() []string { return s.hub.pages() }

// Listeners is the number of browsers listening for reloads.
func (s *Server) Listeners() int { return s.hub.len() }

// Close ends every live-reload stream, so that http.Server.Shutdown can
// finish; later streams are refused. Pages are still served.
func (s *Server) Close() { s.hub.close() }

func (s *Server) versionLocked() string { return s.epoch + "." + strconv.Itoa(s.version) }

func (s *Server) state() (sn *Snapshot, problems problem.List, version string) {
	sn, problems, version, _ = s.stateWarnings()
	return sn, problems, version
}

// stateWarnings is state, with the warnings of the build served.
func (s *Server) stateWarnings() (sn *Snapshot, problems problem.List, version string, warnings []Warning) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.good, s.problems, s.versionLocked(), s.warnings
}

// ServeHTTP serves the site; see the package comment.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !safePath(r) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	if r.URL.Path == EventsPath {
		s.events(w, r)
		return
	}
	sn, problems, version, warnings := s.stateWarnings()
	w.Header().Set("Cache-Control", "no-store")
	if sn == nil {
		s.write(w, r, http.StatusServiceUnavailable, "index.html", []byte(waitingPage), problems, version, nil)
		return
	}
	name, redirect, ok := sn.resolve(r.URL.Path)
	if redirect != "" {
		if r.URL.RawQuery != "" {
			redirect += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, redirect, http.StatusMovedPermanently)
		return
	}
	status := http.StatusOK
	if !ok {
		name, status = "404.html", http.StatusNotFound
	}
	data, found, err := sn.file(name)
	switch {
	case err != nil:
		data, status = []byte(errorPage), http.StatusInternalServerError
		problems = append(problem.From(name, err), problems...)
		name = "index.html"
	case !found: // a site without 404.html
		data = []byte("404 page not found\n")
		name = "404.txt"
	}
	s.write(w, r, status, name, data, problems, version, warnings)
}

// write sends data as the file name, with the script and overlay when it
// is HTML.
func (s *Server) write(w http.ResponseWriter, r *http.Request, status int, name string, data []byte, problems problem.List, version string, warnings []Warning) {
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	h.Set("X-Content-Type-Options", "nosniff")
	if path.Ext(name) == ".html" {
		data = inject(data, problems, version, warnings...)
	}
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// events is the live-reload stream of one browser.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if _, ok := w.(http.Flusher); !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	page := r.URL.Query().Get("page")
	if !strings.HasPrefix(page, "/") {
		page = "/"
	}
	c, err := s.hub.register(page)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unregister(c)
	// The stream lasts as long as the page is open: it is not bound by the
	// http.Server's ReadTimeout and WriteTimeout, but each event must be
	// written within streamWriteTimeout. (A ResponseWriter that has no
	// deadlines, such as httptest's, has none to change.)
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Time{})
	send := func(format string, args ...any) error {
		rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
		if _, err := fmt.Fprintf(w, format, args...); err != nil {
			return err
		}
		return rc.Flush()
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _, version := s.state()
	if send("retry: 500\nevent: hello\ndata: %s\n\n", version) != nil {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-c.ch:
			if !ok {
				return
			}
			if send("event: %s\ndata: %s\n\n", ev.name, ev.data) != nil {
				return
			}
		}
	}
}

// safePath reports whether the request's path stays inside the site.
func safePath(r *http.Request) bool {
	raw := strings.ToLower(r.URL.EscapedPath())
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") ||
		strings.ContainsAny(p, "\\\x00") {
		return false
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// contentType is the Content-Type of a site file.
func contentType(name string) string {
	switch base := path.Base(name); {
	case base == "feed.xml":
		return "application/atom+xml; charset=utf-8"
	case base == "rss.xml":
		return "application/rss+xml; charset=utf-8"
	}
	switch ext := path.Ext(name); ext {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
		return "application/octet-stream"
	}
}

const waitingPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>impactblog serve</title></head>
<body><p>The blog has not built yet. Fix the problems below and save: this page reloads by itself.</p></body></html>
`

const errorPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>impactblog serve: page failed</title></head>
<body><p>This page could not be rendered. Fix the problems below and save: this page reloads by itself.</p></body></html>
`

// script is the live-reload client; %q is the page's version.
const script = `<script>/* impactblog serve: live reload */(function(){
var v=%q,es=new EventSource(%q+"?page="+encodeURIComponent(location.pathname));
es.addEventListener("hello",function(e){if(e.data!==v)location.reload()});
es.addEventListener("reload",function(){es.close();location.reload()});
es.addEventListener("css",function(e){v=e.data;document.querySelectorAll('link[rel~="stylesheet"]').forEach(function(l){var u=new URL(l.href);u.searchParams.set("v",v);l.href=u.href})});
})();</script>
`

// inject adds the overlay (if there are problems) and the live-reload
// script to an HTML page, before its last </body> (in any case), or at its
// end when it has none.
func inject(page []byte, problems problem.List, version string, warnings ...Warning) []byte {
	var add bytes.Buffer
	if len(problems) > 0 {
		add.WriteString(overlay(problems))
	}
	if len(warnings) > 0 {
		add.WriteString(banner(warnings))
	}
	fmt.Fprintf(&add, script, version, EventsPath)
	i := lastEndBody(page)
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:i]...)
	out = append(out, add.Bytes()...)
	return append(out, page[i:]...)
}

// lastEndBody is the offset of the last "</body" in page, in any ASCII
// case, or -1. The page is searched as it is: lower-casing it first would
// move the offsets of the text after some letters (Ⱥ grows, İ shrinks).
func lastEndBody(page []byte) int {
	for end := len(page); ; {
		i := bytes.LastIndex(page[:end], []byte("</"))
		if i < 0 {
			return -1
		}
		// Four bytes fold to "body" only when they are ASCII letters.
		if name := page[i+2:]; len(name) >= 4 && bytes.EqualFold(name[:4], []byte("body")) {
			return i
		}
		end = i
	}
}

// darkStyle recolours the overlay and the banner for a reader in dark
// mode; inline styles cannot say prefers-color-scheme.
const darkStyle = `<style>@media (prefers-color-scheme: dark){#impactblog-problems{background:#2a1214!important;color:#f3e9e9!important}#impactblog-problems p{color:#ff8f8f!important}#impactblog-warnings{background:#2a2410!important;color:#f1ecdc!important}#impactblog-warnings summary{color:#f0c454!important}#impactblog-warnings a{color:#8ab4f8!important}}</style>`

// banner is the folded list of warnings, styled inline as the overlay is.
func banner(warnings []Warning) string {
	var b strings.Builder
	n := len(warnings)
	b.WriteString(darkStyle)
	b.WriteString(`<details id="impactblog-warnings" style="position:fixed;inset:auto auto 0 0;z-index:2147483646;max-width:min(60em,100vw);max-height:50vh;overflow:auto;margin:0;padding:.5em 1em;background:#fffbe6;color:#1a1a1a;border-top:3px solid #8a6100;border-right:1px solid #8a6100;font:14px/1.45 system-ui,sans-serif;text-align:left">`)
	fmt.Fprintf(&b, `<summary style="cursor:pointer;font-weight:600;color:#6b4b00">impactblog serve: %d warning%s</summary><ul style="margin:.5em 0 0;padding-left:1.2em">`, n, map[bool]string{true: "", false: "s"}[n == 1])
	for i, w := range warnings {
		if i == MaxWarningsShown {
			fmt.Fprintf(&b, `<li>and %d more: the terminal lists them all</li>`, n-i)
			break
		}
		b.WriteString(`<li style="margin:.3em 0;word-break:break-word">`)
		b.WriteString(html.EscapeString(w.File + positionOf(w.Problem) + ": " + w.Err.Error()))
		if w.SourceURL != "" {
			fmt.Fprintf(&b, ` <a href="%s" rel="noopener" style="color:#0b57d0">source</a>`, html.EscapeString(w.SourceURL))
		}
		b.WriteString("</li>")
	}
	b.WriteString("</ul></details>\n")
	return b.String()
}

// positionOf is ":line:col" of a problem, as much as it has.
func positionOf(p *problem.Problem) string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf(":%d:%d", p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf(":%d", p.Line)
	}
	return ""
}

// overlay is the box listing problems, styled inline so that no theme can
// hide it.
func overlay(problems problem.List) string {
	var b strings.Builder
	b.WriteString(darkStyle)
	b.WriteString(`<div id="impactblog-problems" role="alert" style="position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;background:#fff5f5;color:#1a1a1a;border-top:4px solid #c0262d;box-shadow:0 -4px 16px rgba(0,0,0,.25);font:15px/1.45 system-ui,sans-serif;text-align:left">`)
	fmt.Fprintf(&b, `<p style="margin:0 0 .6em;font-weight:600;color:#c0262d">impactblog serve: %s. This is the last version that built: fix the files and save.</p>`,
		html.EscapeString(problems.Count()))
	b.WriteString(`<pre style="margin:0;white-space:pre-wrap;word-break:break-word;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;background:none;color:inherit">`)
	for i, p := range problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(html.EscapeString(p.Error()))
	}
	b.WriteString("</pre></div>\n")
	return b.String()
}
