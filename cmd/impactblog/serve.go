package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/impactblog/impactblog/internal/review"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/preview"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/site"
	"github.com/impactblog/impactblog/internal/theme"
	"github.com/impactblog/impactblog/internal/watch"
	"github.com/impactblog/impactblog/templates"
)

// shutdownTimeout bounds how long serve waits for requests in flight when
// it is stopped.
const shutdownTimeout = 500 * time.Millisecond

// httpTimeouts are the timeouts of the preview's connections.
type httpTimeouts struct {
	readHeader time.Duration // to read a request's header
	read       time.Duration // to read a whole request
	write      time.Duration // from the end of the header to the end of the response
	idle       time.Duration // before a kept-alive connection with no request is closed
}

// defaultTimeouts are serve's timeouts. Without an idle timeout, browsers
// and other clients kept their idle connections, each a file descriptor,
// until the preview could open no more and answered nothing. The write
// timeout leaves a page time to render on a large blog; the live-reload
// streams are not bound by it, nor by the read timeout (package preview).
func defaultTimeouts() httpTimeouts {
	return httpTimeouts{readHeader: 10 * time.Second, read: 30 * time.Second, write: time.Minute, idle: 30 * time.Second}
}

type serveCommand struct {
	stdout, stderr io.Writer

	// For tests: delay is the watcher's quiet period (0: its default);
	// ready is called once the server listens, rebuilt after each rebuild;
	// gc collects between rebuilds (nil: newIdleGC); timeouts are those of
	// the connections (zero: defaultTimeouts).
	delay    time.Duration
	ready    func(url string, srv *preview.Server)
	rebuilt  func(ok bool)
	gc       *idleGC
	timeouts httpTimeouts
}

// Run builds the blog, serves it on addr and rebuilds it on every change
// to posts/, templates/ or site.toml, until ctx is done.
func (c *serveCommand) Run(ctx context.Context, args []string) error {
	// The preview shows drafts and future posts, each with a note
	// saying so, unless told -drafts=false or -future=false.
	bf := blogFlags{drafts: true, future: true}
	fs := newFlagSet("serve", "[-src DIR] [-addr 127.0.0.1:8080] [-drafts=false] [-future=false]", c.stderr)
	bf.register(fs, true)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`; the default is reachable from this machine only")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	src, err := filepath.Abs(bf.src)
	if err != nil {
		return err
	}
	bf.src = src
	root, err := bf.open() // never a link out of the blog; refuses a folder that is no blog
	if err != nil {
		return err
	}
	defer root.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		fmt.Fprintf(c.stderr, "Note: listening on %s, so other machines can reach this preview, drafts included:\n"+
			"open it at this machine's address or name (with port %d) on a phone on the same network.\n",
			ln.Addr(), ln.Addr().(*net.TCPAddr).Port)
	}

	srv := preview.New()
	gc := c.gc
	if gc == nil {
		gc = newIdleGC()
	}
	r := &rebuilder{
		builder: site.NewBuilder(root.FS(), templates.FS, site.Options{
			Drafts: bf.drafts, Future: bf.future, BaseURL: url, Version: version(), CacheDir: defaultCacheDir(),
		}),
		srv: srv, gc: gc, stdout: c.stdout, stderr: c.stderr, done: c.rebuilt,
	}
	w, err := watch.New(watch.Options{Roots: []string{src}, Ignore: watched(src), Delay: c.delay})
	if err != nil {
		ln.Close()
		return err
	}
	defer w.Close()
	defer gc.stop()
	r.rebuild(ctx, nil, "built")
	// The first build leaves the most garbage: collect it before serving.
	// Its check of the templates starts the wait when it ends.
	gc.now()

	hs := c.httpServer(preview.AllowHosts(srv, *addr, ln.Addr().String()))
	hs.RegisterOnShutdown(srv.Close) // ends the live-reload streams
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	fmt.Fprintf(c.stdout, "Serving %s at %s\nWatching posts/, pages/, templates/ and site.toml. Press Ctrl-C to stop.\n", src, url)
	if c.ready != nil {
		c.ready(url, srv)
	}

	err = c.loop(ctx, w, r, gc, src)
	r.checks.Wait() // ctx is done: the checks end
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if serr := hs.Shutdown(shutdown); serr != nil {
		hs.Close()
	}
	srv.Close()
	if e := <-served; err == nil && !errors.Is(e, http.ErrServerClosed) {
		err = e
	}
	return err
}

// httpServer is the server of the preview, serving h.
func (c *serveCommand) httpServer(h http.Handler) *http.Server {
	t := c.timeouts
	if t == (httpTimeouts{}) {
		t = defaultTimeouts()
	}
	return &http.Server{Handler: h, ReadHeaderTimeout: t.readHeader, ReadTimeout: t.read, WriteTimeout: t.write, IdleTimeout: t.idle}
}

// loop rebuilds once per batch of changes until ctx is done, and lets gc
// collect between rebuilds.
func (c *serveCommand) loop(ctx context.Context, w *watch.Watcher, r *rebuilder, gc *idleGC, src string) error {
	for {
		select {
		case <-ctx.Done():
			fmt.Fprintln(c.stdout, "Stopped.")
			return nil
		case b, ok := <-w.Batches():
			if !ok {
				return errors.New("the file watcher stopped")
			}
			gc.busy()
			changed := make([]string, 0, len(b.Paths))
			for _, p := range b.Paths {
				if rel, err := filepath.Rel(src, p); err == nil {
					changed = append(changed, filepath.ToSlash(rel))
				}
			}
			r.rebuild(ctx, changed, describe(changed)+" changed")
			gc.rebuilt()
		case err, ok := <-w.Errors():
			if !ok {
				return errors.New("the file watcher stopped")
			}
			fmt.Fprintf(c.stderr, "watching: %v\n", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				gc.busy()
				r.rebuild(ctx, nil, "events were lost, rebuilt everything")
				gc.rebuilt()
			}
		}
	}
}

// watched is the watcher's filter: below src, only posts/, pages/,
// templates/ and site.toml are watched. public/ and everything else is left out.
func watched(src string) func(string, bool) bool {
	return func(p string, isDir bool) bool {
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return true
		}
		rel = filepath.ToSlash(rel)
		for _, dir := range []string{site.PostsDir, site.PagesDir, theme.Dir} {
			if rel == dir || strings.HasPrefix(rel, dir+"/") {
				return false
			}
		}
		return rel != config.File
	}
}

// describe names the changed files for the rebuild line.
func describe(changed []string) string {
	switch n := len(changed); {
	case n == 0:
		return "nothing"
	case n <= 3:
		return strings.Join(changed, ", ")
	default:
		return fmt.Sprintf("%s and %d more files", strings.Join(changed[:2], ", "), n-2)
	}
}

// A rebuilder rebuilds the site and hands it to the preview server.
type rebuilder struct {
	checks         sync.WaitGroup // checkTemplates in the background
	mu             sync.Mutex     // the output of checkTemplates and rebuild
	builder        *site.Builder
	srv            *preview.Server
	gc             *idleGC           // told when checkTemplates ends
	last           *preview.Snapshot // the last published
	stdout, stderr io.Writer
	done           func(ok bool)
}

// rebuild builds the blog again (changed nil: from scratch), renders the
// pages open in a browser and publishes the result, or, when the blog has
// problems, prints them and shows them over the last good site. It prints
// one line per rebuild.
func (r *rebuilder) rebuild(ctx context.Context, changed []string, what string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	start := time.Now()
	s, err := r.builder.Build(ctx, changed)
	var snap *preview.Snapshot
	rendered := 0
	if err == nil {
		warn(r.stderr, s.Warnings, false, "")
		snap = r.last.Next(s)
		rendered, err = snap.Render(ctx, r.srv.OpenPages())
	}
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		problems := problem.From("", err)
		r.srv.Fail(problems)
		for _, p := range problems {
			fmt.Fprintln(r.stderr, p.Error())
		}
		fmt.Fprintf(r.stdout, "%s %s: %d problem%s (above) in %s; still serving the last good version\n",
			clock(), what, len(problems), plural(len(problems)), time.Since(start).Round(100*time.Microsecond))
		if r.done != nil {
			r.done(false)
		}
		return
	}
	r.srv.Publish(snap, changed, previewWarnings(s.Warnings, r.builder.Findings())...)
	r.last = snap
	if templatesMayFail(changed) {
		r.checks.Go(func() {
			r.checkTemplates(ctx, snap, onePerTemplate(s))
			r.gc.settled() // rendering every template left garbage
		})
	}
	fmt.Fprintf(r.stdout, "%s %s: %d posts in %s; %d page%s re-rendered (open in a browser), the other %d when requested%s\n",
		clock(), what, len(s.Posts), time.Since(start).Round(100*time.Microsecond), rendered, plural(rendered), len(s.Pages())-rendered, leftOut(s))
	if r.done != nil {
		r.done(true)
	}
}

func clock() string { return time.Now().Format("15:04:05") }

// checkTemplates renders a page of each template after the reload was
// sent, so that a template that fails when it runs is reported within a
// moment, not when a page that uses it is first opened, and without making
// the reload wait for the slowest page (the impact page of a large blog).
// The pages rendered stay cached for when they are requested.
func (r *rebuilder) checkTemplates(ctx context.Context, snap *preview.Snapshot, urls []string) {
	_, err := snap.Render(ctx, urls)
	if err == nil || ctx.Err() != nil {
		return
	}
	problems := problem.From("", err)
	if r.srv.FailIfCurrent(snap, problems) {
		r.mu.Lock()
		defer r.mu.Unlock()
		for _, p := range problems {
			fmt.Fprintln(r.stderr, p.Error())
		}
		fmt.Fprintf(r.stdout, "%s %s (above) when its pages render; showing it over the site\n", clock(), problems.Count())
	}
}

// templatesMayFail reports whether a change can make a template fail when
// it runs: a first build, or a change to the templates or the config. A
// post's edit is checked by the pages open in a browser.
func templatesMayFail(changed []string) bool {
	if changed == nil {
		return true
	}
	for _, c := range changed {
		if c == config.File || strings.HasPrefix(c, theme.Dir+"/") {
			return true
		}
	}
	return false
}

// onePerTemplate lists a page of each template.
func onePerTemplate(s *site.Site) []string {
	seen := map[string]bool{}
	var urls []string
	for _, p := range s.Pages() {
		if !seen[p.Template] {
			seen[p.Template] = true
			urls = append(urls, p.URL)
		}
	}
	return urls
}

// previewWarnings are the warnings of a build for the preview's banner,
// each claims finding with its rule's source.
func previewWarnings(ws problem.List, findings []review.Finding) []preview.Warning {
	urls := map[string]string{}
	for _, f := range findings {
		urls[f.Rule] = f.SourceURL
	}
	out := make([]preview.Warning, len(ws))
	for i, w := range ws {
		out[i] = preview.Warning{Problem: w, SourceURL: urls[w.Rule]}
	}
	return out
}

// leftOut says how many drafts and future posts a build left out, and how
// to include them; "" when none.
func leftOut(s *site.Site) string {
	var parts []string
	if n := s.LeftOut.Drafts; n > 0 {
		parts = append(parts, fmt.Sprintf("%d draft%s (-drafts to include %s)", n, plural(n), them(n)))
	}
	if n := s.LeftOut.Future; n > 0 {
		parts = append(parts, fmt.Sprintf("%d future post%s (-future to include %s)", n, plural(n), them(n)))
	}
	if len(parts) == 0 {
		return ""
	}
	return "; left out " + strings.Join(parts, " and ")
}
