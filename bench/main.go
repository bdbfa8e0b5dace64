// Command bench compares impactblog with Hugo on the same synthetic blogs
// (package blogtest), as `make bench` runs it:
//
//	go run ./bench [-sizes 1000,10000] [-rounds 3] [-seed 1] [-keep DIR] [-base REV|DIR] [-no-hugo]
//	go run ./bench -growth 10000,100000 [-rounds 3] [-keep DIR]
//
// For each size it generates the blog, builds the impactblog command, and
// runs the tools alternately, rounds times each, into fresh output
// folders: impactblog build (with an empty cache), the base's (-base), and
// hugo (when installed) with the minimal templates of bench/hugo, which
// write the same page set, each round another first. For every run it
// takes the wall time, the CPU time (user+sys) and the peak RSS of the
// process (from its rusage), and counts the pages (.html files), files and
// bytes written. It prints the median of each tool and the ratios.
//
// In every round it also measures the I/O floor, in this process: reading
// every post, then writing as many files of the same sizes as the site has,
// each in its own folder as the site's pages are, using every core. The
// disk of these machines drifts over minutes, so the floor is taken beside
// the tools rather than once.
//
// Then the builds of a blog already built, into the output folder of a
// first build, alternately, rounds times each: impactblog build with the
// cache that first build left (an unchanged blog: it must write no file),
// the same with -cache off (no cache and no manifest: every post rendered
// again, every old file read to compare), one post edited (only the files
// that show it written), and with -base the base's build into an existing
// folder (which replaced the whole folder). For each, the wall and CPU
// times and, from build -format json's summary, the files and bytes
// written.
//
// Then the edit of one post:
//   - impactblog serve: the time from the write to the reload event and the
//     edited page fetched with its new text, as a browser showing the post
//     sees it (the watcher's 10 ms quiet period included);
//   - hugo server: the time from the write to hugo printing that it rebuilt
//     (its own "Total in … ms" line);
//   - and, in this process, Builder.Build with the changed file followed by
//     rendering and writing every page that shows the post, the impact page
//     among them (see BenchmarkRebuildOnePost in internal/site).
//
// With -growth it only builds two sizes with impactblog, alternately, and
// prints how the time and peak memory grow from the one to the other (the
// issue's target for 100,000 posts: at most 11 times the time of 10,000,
// and at most 1 GiB).
//
// Absolute times on a shared machine are noisy; the ratios of one run,
// where both tools saw the same machine, are the figures that count.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/impactblog/impactblog/internal/blogtest"
	"github.com/impactblog/impactblog/internal/publish"
	"github.com/impactblog/impactblog/internal/site"
	theme "github.com/impactblog/impactblog/templates"
)

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// A measure is one run of a tool.
type measure struct {
	wall, cpu     time.Duration
	rssKiB        int64
	pages, files  int
	bytes         int64
	written       int           // files written, from build -format json's summary (rebuilds)
	bytesWritten  int64         // and their bytes
	rebuild       time.Duration // one-post rebuild, when measured
	reload        time.Duration // impactblog serve: one-post edit to the page served, median
	reloadMax     time.Duration // and the slowest of the edits
	rebuiltPages  int
	rebuildFailed string
}

func run(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("bench", flag.ContinueOnError)
	sizes := fl.String("sizes", "1000,10000", "comma-separated numbers of posts")
	rounds := fl.Int("rounds", 3, "runs of each tool per size, alternating")
	seed := fl.Int64("seed", 1, "the generator's seed")
	keep := fl.String("keep", "", "work in `DIR` and keep it (default: a temporary folder, removed)")
	noHugo := fl.Bool("no-hugo", false, "do not run Hugo even when it is installed")
	base := fl.String("base", "", "also run the impactblog of git `REV` (e.g. main), or of the source tree in a folder, for before/after figures from the same run")
	growth := fl.String("growth", "", "instead, alternate impactblog builds of `SMALL,LARGE` posts (e.g. 10000,100000) and print how the time and memory grow")
	if err := fl.Parse(args); err != nil {
		return err
	}
	work := *keep
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "impactblog-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	bin := filepath.Join(work, "impactblog")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/impactblog").CombinedOutput(); err != nil {
		return fmt.Errorf("building impactblog: %v\n%s", err, out)
	}
	baseBin := ""
	if *base != "" {
		baseBin = filepath.Join(work, "impactblog-base")
		src := *base
		if fi, err := os.Stat(src); err != nil || !fi.IsDir() {
			src = filepath.Join(work, "src-base")
			os.RemoveAll(src)
			if err := os.MkdirAll(src, 0o755); err != nil {
				return err
			}
			// git archive, not a worktree: nothing is added to the repository.
			if out, err := exec.Command("sh", "-c", `git archive "$1" | tar -x -C "$2"`, "sh", *base, src).CombinedOutput(); err != nil {
				return fmt.Errorf("exporting %s: %v\n%s", *base, err, out)
			}
		}
		cmd := exec.Command("go", "build", "-o", baseBin, "./cmd/impactblog")
		cmd.Dir = src
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("building impactblog at %s: %v\n%s", *base, err, out)
		}
	}
	if *growth != "" {
		var ns []int
		for _, f := range strings.Split(*growth, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n <= 0 {
				return fmt.Errorf("-growth: %q is not a number of posts", f)
			}
			ns = append(ns, n)
		}
		if len(ns) != 2 || ns[0] >= ns[1] {
			return fmt.Errorf("-growth: give two sizes, the smaller first, such as 10000,100000")
		}
		return benchGrowth(work, bin, ns[0], ns[1], *seed, *rounds)
	}
	hugo, _ := exec.LookPath("hugo")
	if *noHugo {
		hugo = ""
	}
	if hugo != "" {
		v, _ := exec.Command(hugo, "version").Output()
		fmt.Printf("hugo: %s", v)
	} else {
		fmt.Println("hugo: not installed (apt-get install hugo); measuring impactblog only")
	}
	fmt.Printf("machine: %d CPUs (GOMAXPROCS %d), %s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())

	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return fmt.Errorf("-sizes: %q is not a number of posts", f)
		}
		if err := benchSize(ctx, work, bin, baseBin, hugo, n, *seed, *rounds); err != nil {
			return err
		}
	}
	return nil
}

func benchSize(ctx context.Context, work, bin, baseBin, hugo string, n int, seed int64, rounds int) error {
	blog := filepath.Join(work, fmt.Sprintf("blog-%d", n))
	os.RemoveAll(blog)
	if err := blogtest.Generate(blog, n, seed); err != nil {
		return err
	}
	hugoSite := filepath.Join(work, fmt.Sprintf("hugo-%d", n))
	if hugo != "" {
		if err := hugoSetup(hugoSite, blog); err != nil {
			return err
		}
	}
	fmt.Printf("\n== %d posts (%s of Markdown)\n", n, size(dirBytes(filepath.Join(blog, "posts"))))

	// One unmeasured run each, so that both find the posts in the page cache.
	var ours, theirs, before []measure
	type tool struct {
		name string
		cmd  func(out string) *exec.Cmd
		into *[]measure
	}
	// A first build: into an empty folder, with an empty cache.
	tools := []tool{
		{"impactblog", func(out string) *exec.Cmd {
			cache := filepath.Join(work, "cache-first")
			os.RemoveAll(cache)
			return exec.Command(bin, "build", "-src", blog, "-out", out, "-cache", cache)
		}, &ours},
	}
	if baseBin != "" {
		tools = append(tools, tool{"base", func(out string) *exec.Cmd { return exec.Command(baseBin, "build", "-src", blog, "-out", out) }, &before})
	}
	if hugo != "" {
		tools = append(tools, tool{"hugo", func(out string) *exec.Cmd {
			return exec.Command(hugo, "--quiet", "--source", hugoSite, "--destination", out)
		}, &theirs})
	}
	var floors []floorResult
	for r := -1; r < rounds; r++ {
		if r >= 0 {
			// The I/O floor in every round, beside the tools: the disk's
			// speed drifts over minutes.
			f, err := ioFloor(work, blog, filepath.Join(work, "out-impactblog"))
			if err != nil {
				return err
			}
			floors = append(floors, f)
			fmt.Printf("  run %d %-10s wall %6.2fs  (read %d posts, write %d files of the site's sizes)\n", r+1, "I/O floor", f.wall.Seconds(), n, f.files)
		}
		// Each round another tool goes first: the first after the I/O
		// floor runs while the disk is busiest.
		order := slices.Clone(tools)
		if r >= 0 && len(order) > 1 {
			k := r % len(order)
			order = append(order[k:], order[:k]...)
		}
		for _, t := range order {
			out := filepath.Join(work, "out-"+t.name)
			os.RemoveAll(out)
			m, err := timeCmd(t.cmd(out), out)
			if err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			if r >= 0 {
				*t.into = append(*t.into, m)
				fmt.Printf("  run %d %-10s wall %6.2fs  cpu %6.2fs  rss %5d MiB  %d pages, %d files, %s\n",
					r+1, t.name, m.wall.Seconds(), m.cpu.Seconds(), m.rssKiB>>10, m.pages, m.files, size(m.bytes))
			}
		}
	}
	o := median(ours)
	floor := floors[len(floors)/2]
	rebuilds, err := benchRebuilds(work, bin, baseBin, hugo, hugoSite, blog, n, seed, rounds)
	if err != nil {
		return err
	}
	o.rebuild, o.rebuiltPages, err = rebuildOnePost(ctx, blog, filepath.Join(work, "out-rebuild"), n, seed)
	if err != nil {
		return fmt.Errorf("rebuild: %w", err)
	}
	o.reload, o.reloadMax, err = serveReload(ctx, bin, blog, n, seed)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	var h measure
	if hugo != "" {
		h = median(theirs)
		h.rebuild, err = hugoRebuild(ctx, hugo, hugoSite, blog, filepath.Join(work, "out-hugo-server"), n, seed)
		if err != nil {
			h.rebuildFailed = err.Error()
		}
	}

	fmt.Printf("\n  %d posts, median of %d runs   %12s %12s %9s\n", n, rounds, "impactblog", "hugo", "ratio")
	row := func(name string, a, b float64, unit string, format string) {
		if hugo == "" || b == 0 {
			fmt.Printf("  %-30s %12s\n", name, fmt.Sprintf(format, a)+unit)
			return
		}
		fmt.Printf("  %-30s %12s %12s %8.2fx\n", name, fmt.Sprintf(format, a)+unit, fmt.Sprintf(format, b)+unit, b/a)
	}
	row("full build, wall", o.wall.Seconds(), h.wall.Seconds(), " s", "%.2f")
	row("full build, CPU (user+sys)", o.cpu.Seconds(), h.cpu.Seconds(), " s", "%.2f")
	row("peak RSS", float64(o.rssKiB)/1024, float64(h.rssKiB)/1024, " MiB", "%.0f")
	row("pages (.html) written", float64(o.pages), float64(h.pages), "", "%.0f")
	row("files written", float64(o.files), float64(h.files), "", "%.0f")
	row("bytes written", float64(o.bytes)/(1<<20), float64(h.bytes)/(1<<20), " MiB", "%.1f")
	row("one-post edit, served", float64(o.reload.Microseconds())/1000, float64(h.rebuild.Microseconds())/1000, " ms", "%.1f")
	if h.rebuildFailed != "" {
		fmt.Printf("  (hugo server rebuild not measured: %s)\n", h.rebuildFailed)
	}
	fmt.Printf("  %-30s %12s   (impactblog serve: from the write to the edited page fetched after the reload event;\n", "", "")
	fmt.Printf("  %-30s %12s    hugo server: from the write to its \"Total in\" line)\n", "", "")
	fmt.Printf("  %-30s %12s   (the slowest of impactblog's %d edits, each %s after the last was served)\n",
		"one-post edit, served, slowest", fmt.Sprintf("%.1f ms", float64(o.reloadMax.Microseconds())/1000), reloadEdits, reloadPause)
	fmt.Printf("  %-30s %12s   (Build, then the %d pages that show the post rendered and written)\n",
		"one-post rebuild, every page", fmt.Sprintf("%.1f ms", float64(o.rebuild.Microseconds())/1000), o.rebuiltPages)
	if baseBin != "" {
		b := median(before)
		fmt.Printf("  base (before): wall %.2f s, CPU %.2f s, peak RSS %d MiB; this build is %.2fx faster (wall), %.2fx (CPU), %.2fx less memory\n",
			b.wall.Seconds(), b.cpu.Seconds(), b.rssKiB>>10, b.wall.Seconds()/o.wall.Seconds(), b.cpu.Seconds()/o.cpu.Seconds(), float64(b.rssKiB)/float64(o.rssKiB))
	}
	fmt.Printf("  I/O floor: read %d posts + write %d files (%s), wall %.2f s; impactblog's build is %.2fx the floor\n",
		n, floor.files, size(floor.bytes), floor.wall.Seconds(), o.wall.Seconds()/floor.wall.Seconds())
	fmt.Printf("\n  %d posts, built again into the first build's folder, median of %d runs\n", n, rounds)
	fmt.Printf("  %-34s %9s %9s %14s %12s\n", "", "wall", "CPU", "files written", "bytes written")
	fmt.Printf("  %-34s %7.2f s %7.2f s %14d %12s\n", "first build (empty folder, cache)", o.wall.Seconds(), o.cpu.Seconds(), o.files, size(o.bytes))
	for _, r := range rebuilds {
		m := median(r.runs)
		written, bytes := fmt.Sprint(m.written), size(m.bytesWritten)
		if r.all {
			written, bytes = fmt.Sprintf("%d (all)", m.files), size(m.bytes)
		}
		fmt.Printf("  %-34s %7.2f s %7.2f s %14s %12s\n", r.name, m.wall.Seconds(), m.cpu.Seconds(), written, bytes)
	}
	return nil
}

// A rebuild is one kind of build of a blog already built, and its runs.
type rebuild struct {
	name string
	all  bool // writes every file again (no summary)
	runs []measure
}

// benchRebuilds builds the blog once into a folder with a cache, then
// alternately, rounds times: again unchanged with the cache, again
// unchanged with -cache off, with one post edited (each round another
// edit), the base's build into the folder it built once, and Hugo's.
func benchRebuilds(work, bin, baseBin, hugo, hugoSite, blog string, n int, seed int64, rounds int) ([]rebuild, error) {
	out, cache := filepath.Join(work, "out-again"), filepath.Join(work, "cache-again")
	os.RemoveAll(out)
	os.RemoveAll(cache)
	build := func(args ...string) *exec.Cmd {
		return exec.Command(bin, append([]string{"build", "-src", blog, "-out", out, "-format", "json"}, args...)...)
	}
	if _, err := timeCmd(build("-cache", cache), out); err != nil {
		return nil, err
	}
	i := n / 2
	name, orig := blogtest.Post(i, n, seed)
	defer os.WriteFile(filepath.Join(blog, name), orig, 0o644)
	kinds := []rebuild{{name: "unchanged, with the cache"}, {name: "unchanged, -cache off"}, {name: "one post edited, with the cache"}}
	baseOut, hugoOut := filepath.Join(work, "out-again-base"), filepath.Join(work, "out-again-hugo")
	baseBuild := func() *exec.Cmd { return exec.Command(baseBin, "build", "-src", blog, "-out", baseOut) }
	hugoBuild := func() *exec.Cmd {
		return exec.Command(hugo, "--quiet", "--source", hugoSite, "--destination", hugoOut)
	}
	for _, other := range []struct {
		name, tool, out string
		cmd             func() *exec.Cmd
	}{{"base: build again (before)", baseBin, baseOut, baseBuild}, {"hugo: build again", hugo, hugoOut, hugoBuild}} {
		if other.tool == "" {
			continue
		}
		kinds = append(kinds, rebuild{name: other.name, all: true})
		os.RemoveAll(other.out)
		if _, err := timeCmd(other.cmd(), other.out); err != nil {
			return nil, err
		}
	}
	for r := range rounds {
		for k := range kinds {
			var cmd *exec.Cmd
			dir := out
			switch kind := kinds[k].name; {
			case k == 0:
				cmd = build("-cache", cache)
			case k == 1:
				cmd = build("-cache", "off")
			case k == 2:
				_, src := blogtest.Edit(i, n, seed, r+1)
				if err := os.WriteFile(filepath.Join(blog, name), src, 0o644); err != nil {
					return nil, err
				}
				cmd = build("-cache", cache)
			case strings.HasPrefix(kind, "base"):
				dir, cmd = baseOut, baseBuild()
			default:
				dir, cmd = hugoOut, hugoBuild()
			}
			m, err := timeCmd(cmd, dir)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", kinds[k].name, err)
			}
			if k == 2 { // back to the blog the others build
				if err := os.WriteFile(filepath.Join(blog, name), orig, 0o644); err != nil {
					return nil, err
				}
				if _, err := timeCmd(build("-cache", cache), out); err != nil {
					return nil, err
				}
			}
			kinds[k].runs = append(kinds[k].runs, m)
			fmt.Printf("  again %d %-32s wall %6.2fs  cpu %6.2fs  %d files written, %s\n", r+1, kinds[k].name, m.wall.Seconds(), m.cpu.Seconds(), m.written, size(m.bytesWritten))
		}
	}
	return kinds, nil
}

// benchGrowth builds the blogs of small and large posts alternately
// (small first and last, rounds builds of large), and prints each build
// and the ratio of the medians: the growth from small to large. A blog
// kept in work (-keep) from an earlier run is built again, not generated.
func benchGrowth(work, bin string, small, large int, seed int64, rounds int) error {
	blogs := map[int]string{}
	for _, n := range []int{small, large} {
		blog := filepath.Join(work, fmt.Sprintf("blog-%d", n))
		if _, err := os.Stat(filepath.Join(blog, "site.toml")); err != nil {
			os.RemoveAll(blog)
			if err := blogtest.Generate(blog, n, seed); err != nil {
				return err
			}
		}
		blogs[n] = blog
	}
	fmt.Printf("machine: %d CPUs (GOMAXPROCS %d), %s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	fmt.Printf("\n== growth from %d to %d posts, impactblog build alternating\n", small, large)
	out := filepath.Join(work, "out-growth")
	runs := map[int][]measure{}
	order := []int{small}
	for range rounds {
		order = append(order, large, small)
	}
	for _, n := range order {
		os.RemoveAll(out)
		m, err := timeCmd(exec.Command(bin, "build", "-src", blogs[n], "-out", out, "-cache", "off"), out)
		if err != nil {
			return fmt.Errorf("%d posts: %w", n, err)
		}
		runs[n] = append(runs[n], m)
		fmt.Printf("  %7d posts  wall %7.2fs  cpu %7.2fs  rss %5d MiB (%d KiB)\n", n, m.wall.Seconds(), m.cpu.Seconds(), m.rssKiB>>10, m.rssKiB)
	}
	os.RemoveAll(out)
	s, l := median(runs[small]), median(runs[large])
	fmt.Printf("\n  median            %7d posts  %7d posts   growth\n", small, large)
	fmt.Printf("  wall              %9.2f s  %9.2f s  %6.2fx\n", s.wall.Seconds(), l.wall.Seconds(), l.wall.Seconds()/s.wall.Seconds())
	fmt.Printf("  CPU (user+sys)    %9.2f s  %9.2f s  %6.2fx\n", s.cpu.Seconds(), l.cpu.Seconds(), l.cpu.Seconds()/s.cpu.Seconds())
	fmt.Printf("  peak RSS          %7d MiB  %7d MiB  %6.2fx   (largest of the %d posts: %d MiB)\n",
		s.rssKiB>>10, l.rssKiB>>10, float64(l.rssKiB)/float64(s.rssKiB), large, slices.MaxFunc(runs[large], func(a, b measure) int { return int(a.rssKiB - b.rssKiB) }).rssKiB>>10)
	return nil
}

// timeCmd runs cmd and measures it and what the folder out holds after,
// once what earlier runs wrote is on the disk (sync(2)).
// The files and bytes written are build -format json's, when cmd prints
// its summary.
func timeCmd(cmd *exec.Cmd, out string) (measure, error) {
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// The disk writes the last run's files (and the folders removed
	// before this one) while this one runs, unless they are written now.
	syscall.Sync()
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return measure{}, fmt.Errorf("%v\n%s", err, stderr.String())
	}
	m := measure{wall: wall}
	if lines := strings.Split(strings.TrimSpace(stdout.String()), "\n"); strings.HasPrefix(lines[len(lines)-1], "{") {
		var sum struct {
			Files struct {
				Written int `json:"written"`
			} `json:"files"`
			BytesWritten int64 `json:"bytes_written"`
		}
		if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil {
			return m, fmt.Errorf("the summary: %v", err)
		}
		m.written, m.bytesWritten = sum.Files.Written, sum.BytesWritten
	}
	if ps := cmd.ProcessState; ps != nil {
		m.cpu = ps.UserTime() + ps.SystemTime()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			m.rssKiB = ru.Maxrss // KiB on Linux
		}
	}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		m.files++
		m.bytes += fi.Size()
		if strings.HasSuffix(p, ".html") {
			m.pages++
		}
		return nil
	})
	return m, err
}

func median(ms []measure) measure {
	pick := func(get func(measure) int64) int64 {
		v := make([]int64, len(ms))
		for i, m := range ms {
			v[i] = get(m)
		}
		slices.Sort(v)
		if len(v)%2 == 0 { // the mean of the two in the middle
			return (v[len(v)/2-1] + v[len(v)/2]) / 2
		}
		return v[len(v)/2]
	}
	m := ms[0]
	m.wall = time.Duration(pick(func(m measure) int64 { return int64(m.wall) }))
	m.cpu = time.Duration(pick(func(m measure) int64 { return int64(m.cpu) }))
	m.rssKiB = pick(func(m measure) int64 { return m.rssKiB })
	m.written = int(pick(func(m measure) int64 { return int64(m.written) }))
	m.bytesWritten = pick(func(m measure) int64 { return m.bytesWritten })
	return m
}

// hugoSetup makes a Hugo site: bench/hugo's config and layouts, with the
// blog's posts/ folder linked in as content/posts.
func hugoSetup(dir, blog string) error {
	os.RemoveAll(dir)
	src := filepath.Join("bench", "hugo")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		return fmt.Errorf("copying bench/hugo (run from the repository's root): %w", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		return err
	}
	abs, err := filepath.Abs(filepath.Join(blog, "posts"))
	if err != nil {
		return err
	}
	return os.Symlink(abs, filepath.Join(dir, "content", "posts"))
}

type floorResult struct {
	wall  time.Duration
	files int
	bytes int64
}

// ioFloor reads every post, then writes as many files of the same sizes
// as the built site in out has, each in its own folder, with every core.
func ioFloor(work, blog, out string) (floorResult, error) {
	var sizes []int64
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				sizes = append(sizes, fi.Size())
			}
		}
		return nil
	})
	posts, _ := filepath.Glob(filepath.Join(blog, "posts", "*.md"))
	dst := filepath.Join(work, "out-floor")
	os.RemoveAll(dst)
	var res floorResult
	for _, s := range sizes {
		res.bytes += s
	}
	res.files = len(sizes)
	start := time.Now()
	var firstErr error
	var mu sync.Mutex
	parallel(len(posts), func(i int) {
		if _, err := os.ReadFile(posts[i]); err != nil {
			mu.Lock()
			firstErr = err
			mu.Unlock()
		}
	})
	buf := make([]byte, slices.Max(append(sizes, 1)))
	parallel(len(sizes), func(i int) {
		d := filepath.Join(dst, strconv.Itoa(i))
		err := os.MkdirAll(d, 0o755)
		if err == nil {
			err = os.WriteFile(filepath.Join(d, "index.html"), buf[:sizes[i]], 0o644)
		}
		if err != nil {
			mu.Lock()
			firstErr = err
			mu.Unlock()
		}
	})
	res.wall = time.Since(start)
	os.RemoveAll(dst)
	return res, firstErr
}

func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// rebuildOnePost builds the blog in this process, then edits one post and
// measures Build with that file plus rendering and writing the pages that
// show it. It returns the median of five edits.
func rebuildOnePost(ctx context.Context, blog, out string, n int, seed int64) (time.Duration, int, error) {
	b := site.NewBuilder(os.DirFS(blog), theme.FS, site.Options{})
	s, err := b.Build(ctx, nil)
	if err != nil {
		return 0, 0, err
	}
	os.RemoveAll(out)
	w := &publish.DirWriter{Dir: out}
	if _, err := s.Render(ctx, w); err != nil {
		return 0, 0, err
	}
	i := n / 2
	name, orig := blogtest.Post(i, n, seed)
	defer os.WriteFile(filepath.Join(blog, name), orig, 0o644)
	var times []time.Duration
	pages := 0
	for edit := 1; edit <= 5; edit++ {
		_, src := blogtest.Edit(i, n, seed, edit)
		start := time.Now()
		if err := os.WriteFile(filepath.Join(blog, name), src, 0o644); err != nil {
			return 0, 0, err
		}
		s, err := b.Build(ctx, []string{name})
		if err != nil {
			return 0, 0, err
		}
		pages = 0
		for _, p := range s.PagesShowing(name) {
			data, err := s.RenderPage(p)
			if err == nil {
				err = w.WriteFile(outputPath(p.URL), data)
			}
			if err != nil {
				return 0, 0, err
			}
			pages++
		}
		for _, f := range s.Files() {
			if f.Name == "feed.xml" || f.Name == "rss.xml" || f.Name == "sitemap.xml" {
				data, err := f.Bytes()
				if err == nil {
					err = w.WriteFile(f.Name, data)
				}
				if err != nil {
					return 0, 0, err
				}
				pages++
			}
		}
		times = append(times, time.Since(start))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	return times[len(times)/2], pages, nil
}

// The edits serveReload measures, the pause between one edit's page
// served and the next edit (a writer's saves are seconds apart, and serve
// collects garbage in between), and the wait before the first: after its
// first build serve renders a page of each template in the background, the
// impact page among them, as a writer opens the page to edit.
const (
	reloadEdits  = 20
	reloadPause  = time.Second
	reloadSettle = 2 * time.Second
)

// serveReload starts impactblog serve on the blog, opens the event stream
// a browser showing the post of the edit would open, and measures
// reloadEdits edits of that post: from the write to the reload event and
// the page's new text fetched. It returns the median and the slowest.
func serveReload(ctx context.Context, bin, blog string, n int, seed int64) (median, slowest time.Duration, err error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, 0, err
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.CommandContext(ctx, bin, "serve", "-src", blog, "-addr", addr)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && !strings.HasPrefix(sc.Text(), "Serving ") {
	}
	go io.Copy(io.Discard, stdout)
	i := n / 2
	name, orig := blogtest.Post(i, n, seed)
	defer os.WriteFile(filepath.Join(blog, name), orig, 0o644)
	m := regexp.MustCompile(`(?m)^slug: (\S+)$`).FindSubmatch(orig)
	if m == nil {
		return 0, 0, errors.New("the edited post has no slug")
	}
	page := "http://" + addr + "/posts/" + string(m[1]) + "/"
	resp, err := http.Get("http://" + addr + "/.impactblog/events?page=/posts/" + string(m[1]) + "/")
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	events := lineWaiter(ctx, resp.Body, "the event stream ended", func(l string) (string, bool) {
		return strings.CutPrefix(l, "event: ")
	})
	wait := func(event string) error { return events(func(ev string) bool { return ev == event }) }
	if err := wait("hello"); err != nil {
		return 0, 0, err
	}
	time.Sleep(reloadSettle)
	var times []time.Duration
	for edit := 1; edit <= reloadEdits; edit++ {
		_, src := blogtest.Edit(i, n, seed, edit)
		mark := fmt.Sprintf("Edit number %d.", edit)
		src = append(src, "\n"+mark+"\n"...)
		start := time.Now()
		if err := os.WriteFile(filepath.Join(blog, name), src, 0o644); err != nil {
			return 0, 0, err
		}
		if err := wait("reload"); err != nil {
			return 0, 0, err
		}
		resp, err := http.Get(page)
		if err != nil {
			return 0, 0, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return 0, 0, err
		}
		times = append(times, time.Since(start))
		if !strings.Contains(string(body), mark) {
			return 0, 0, fmt.Errorf("%s does not show %q after the reload", page, mark)
		}
		time.Sleep(reloadPause)
	}
	slices.Sort(times)
	return times[len(times)/2], times[len(times)-1], nil
}

// lineWaiter reads r line by line in a goroutine, keeping the lines keep
// says to keep (as it rewrites them), and returns a function that waits for
// the next kept line that matches: nil when one comes, the error gone when
// r ends first, or ctx's error.
func lineWaiter(ctx context.Context, r io.Reader, gone string, keep func(string) (string, bool)) func(match func(string) bool) error {
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			l, ok := keep(sc.Text())
			if !ok {
				continue
			}
			select {
			case lines <- l:
			case <-ctx.Done():
				return
			}
		}
	}()
	return func(match func(string) bool) error {
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					return errors.New(gone)
				}
				if match(l) {
					return nil
				}
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
}

// hugoRebuild starts hugo server on the Hugo site, edits one post and
// waits for hugo to say it rebuilt. It returns the time from the write to
// that line.
func hugoRebuild(ctx context.Context, hugo, hugoSite, blog, out string, n int, seed int64) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	os.RemoveAll(out)
	defer os.RemoveAll(out)
	cmd := exec.CommandContext(ctx, hugo, "server", "--source", hugoSite, "--destination", out,
		"--renderToDisk", "--port", "0", "--bind", "127.0.0.1", "--disableLiveReload", "--watch")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	lines := lineWaiter(ctx, stdout, "hugo server stopped", func(l string) (string, bool) { return l, true })
	wait := func(text string) error { return lines(func(l string) bool { return strings.Contains(l, text) }) }
	if err := wait("Web Server is available"); err != nil {
		return 0, err
	}
	time.Sleep(500 * time.Millisecond)
	i := n / 2
	name, orig := blogtest.Post(i, n, seed)
	defer os.WriteFile(filepath.Join(blog, name), orig, 0o644)
	var times []time.Duration
	for edit := 1; edit <= 3; edit++ {
		_, src := blogtest.Edit(i, n, seed, edit)
		start := time.Now()
		if err := os.WriteFile(filepath.Join(blog, name), src, 0o644); err != nil {
			return 0, err
		}
		if err := wait("Total in"); err != nil {
			return 0, err
		}
		times = append(times, time.Since(start))
		time.Sleep(300 * time.Millisecond)
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}

// outputPath is the file of a page URL, as the site writes it.
func outputPath(url string) string {
	p := strings.TrimPrefix(url, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

func dirBytes(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
}
