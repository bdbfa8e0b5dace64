// Package site builds the whole blog: it reads every post, checks it, totals
// the figures, renders the pages and writes them out.
//
// # Input
//
// The blog is an fs.FS holding posts/ (any depth; see package post; package
// source reads them, and reads again only what changed), pages/ (optional:
// standalone pages, see standalone.go), templates/
// (optional: any file there replaces the built-in theme's file of the same
// name) and site.toml (optional; see package config).
//
// # Pages
//
// Every page has a Kind; the page table (kinds, in pages.go) gives each
// kind's address, template, whether sitemap.xml lists it, and its place
// in Site.Pages, which is this order. A URL ending in / is written as
// index.html in its folder:
//
//	kind         address                 template          sitemap  shows
//	home         /, /page/N/ (N ≥ 2)     index.html        yes      newest posts first, PostsPerPage a page
//	post         /posts/<slug>/          post.html         yes      one post, its figures and totals
//	alias        <alias>/                (none)            no       a redirect to its post or page, for each alias
//	page         /<path>/                page.html         yes      a standalone page: pages/<path>.md (standalone.go)
//	tags         /tags/                  tags.html         yes      every tag with its post count
//	tag          /tags/<tag>/ (page/N/)  tag.html          yes      the posts of one tag, paginated
//	archive      /archive/               archive.html      yes      posts by year
//	impact       /impact/                impact.html       yes      the overview of every year's totals, as of its date (package report)
//	impact-year  /impact/<year>/         impact-year.html  yes      one year's report, every entry of it (Page.YearReport; yearreport.go)
//	search       /search/                search.html       no       a search box over /search/index.json (package search)
//	404          /404.html               404.html          no       the page for an address that is not there
//
// # Other files
//
// A file of the site is a publish.File: its name, and what writes it.
// Site.Files lists those that are not pages, Site.Outputs every one, each
// an Output (the file, and its Page when it holds one), and Render writes
// them all (publish.WriteFiles). Besides its pages (Site.Pages), the site
// writes:
//
//	/feed.xml, /rss.xml        Atom and RSS 2.0 feeds of the 20 newest posts (package feed)
//	/sitemap.xml, /robots.txt  (package feed)
//	/impact.json, /impact.csv  the totals and every entry (package impact)
//	/search/index.json         what the search page finds posts by (package search)
//	/posts/<slug>/<file>       the files of a page bundle, and files a post links to (package links)
//	/<file>                    each file of templates/static/, at the site's root
//
// # Templates
//
// docs/THEMES.md, the theme author's reference, lists every template, the
// data each gets and every template function; docs_test.go keeps it true.
//
// Templates are html/template files named after their file, so that an error
// names templates/post.html:12:3; package theme loads them, the blog's over
// the built-in theme's. base.html defines "base", the layout;
// every page template defines "title" and "main", and may use the partials
// in templates/partials/. Each page gets a Page (see the type). base.html
// includes partials/social.html, the OpenGraph and Twitter card meta;
// post.html shows Post.TOC, the contents, when a post asks for it, the
// evidence of each of its entries (Post.Evidence: ids, items, registry
// links, receipts) and its schema.org JSON-LD (Post.JSONLD: a
// MonetaryGrant per gift of money), in a <script type="application/ld+json">.
// impact.html shows .Site.Report (a report.Report: the overview, each
// year's figures linking to its page); impact-year.html, the page's
// YearReport (a report.Year: the figures, charts, entries and evidence of
// .Year, and a "cite this" line); both use the "fig", "entry-refs" and
// "year-links" of partials/evidence.html.
//
// The template functions are package theme's (money, sums, date, abs…,
// documented there), and three of the site's own (loadTemplates), documented
// here and only here:
//
//	postSummary P    a post's item of a list, the template "post-summary", rendered once a build
//	partialCached …  below
//	T ID [N] [K V]…  an interface string in the site's language, as HTML: {{T "minRead" .ReadingTime}}
//	                 (package i18n: the built-in strings and the blog's templates/i18n/<language>.toml)
//
// Page titles and the built-in menu's names are interface strings too.
//
// partialCached NAME DATA [VARIANT…] renders the template NAME (defined in
// base.html or partials/) once per build and set of variants, as Hugo's
// partialCached does, and gives the same HTML to every later call: for
// what every page, or every page of a kind, shows the same. DATA is the
// page, .Site or a post. base.html renders the site's header (one per kind
// of page, for the current link), footer and feed links so.
//
// # Memory
//
// Every page shows figures totalled over every post, so every post is read
// and its Markdown rendered before the first page is. A Builder that builds
// once (Options.Once, as build, check and totals do) lets each post's
// Markdown go once rendered, and keeps no post's own totals (Post.Totals);
// with Options.SpillDir (build) each post's rendered HTML, summary and
// list item wait in a temporary file rather than in memory (source.Spill). A
// post's table of contents is kept only when its front matter asks for it.
// Render writes each file as it renders it when its Writer is a
// publish.StreamWriter (Publish's is), so no page or data file is held whole.
//
// # Determinism
//
// Two builds of the same input write byte-identical files: nothing depends
// on the clock (except which posts are in the future), map order or the
// order in which goroutines finish.
package site

import (
	"context"
	"hash/maphash"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/post"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/registry"
	"github.com/impactblog/impactblog/internal/review"
	"github.com/impactblog/impactblog/internal/source"
)

// PostsDir is the folder of posts in the blog.
const PostsDir = source.Dir

// Options change what a build includes.
type Options struct {
	Drafts  bool      // include drafts
	Future  bool      // include posts dated after Now
	BaseURL string    // overrides site.toml's base_url
	Now     time.Time // default: time.Now()
	// Once says the Builder builds once and is dropped: each post's
	// Markdown (post.Post.Body) is let go as soon as it is rendered,
	// unless its figures or links need it rendered again, so that a large
	// blog is never held in memory twice, as text and as HTML.
	Once bool
	// SpillDir, when not empty in a build that runs Once, is a folder on
	// disk where the posts' rendered HTML, summaries and list items are
	// kept, in one temporary file, until their pages are written, rather
	// than in memory (source.Spill).
	// The build command gives the folder that holds the output.
	SpillDir string
	// Version is the generator's version, written in impact.json's
	// generator block; "" is "devel", a local build's.
	Version string
	// SourceDate, when not zero, is the date impact.json is as of
	// (as_of), rather than the newest entry's: SOURCE_DATE_EPOCH's.
	SourceDate time.Time
	// CacheDir is a folder where a build keeps what is costly to make
	// again, each kind in a folder of its own: images/, the images it
	// encoded (images.go). It is never published and always safe to
	// delete; "" keeps them in memory, for the Builder's life.
	CacheDir string
}

// A Builder builds a blog, again and again: it keeps every post it has read
// and rendered, and reads again only the files it is told have changed.
type Builder struct {
	src   fs.FS // the blog
	theme fs.FS // the built-in theme: a templates/ tree
	opts  Options

	seed       maphash.Seed
	config     *config.Config
	configBad  bool           // the last read of site.toml failed
	fixed      *config.Config // when not nil, the config, not read from site.toml (checkWith)
	cfgHash    uint64
	md         *markdown.Renderer
	posts      *source.Reader // the posts as read
	standalone *source.Reader // the pages of pages/ as read (standalone.go)
	loaded     bool
	inc        incremental               // what the next build reuses (incremental.go)
	now        time.Time                 // of the current build: Options.Now, or the clock's
	warnings   problem.List              // of the last build (Warnings)
	findings   []review.Finding          // of the last build (Findings)
	reviewing  *review.Options           // how posts' words are checked (review.go)
	settings   string                    // what of the config posts are read with (cache.go)
	langTmpl   map[string]*langTemplates // each other language's templates (languages.go)
	tmplGen    int                       // how many times the templates were loaded

	// The templates, parsed again only when a file under templates/ or
	// site.toml changes.
	tmpl         *templateSet
	tmplProblems problem.List
}

// NewBuilder returns a builder for the blog in src. builtin holds the
// built-in templates/ folder, used for every template the blog lacks.
func NewBuilder(src, builtin fs.FS, opts Options) *Builder {
	return &Builder{src: src, theme: builtin, opts: opts, seed: maphash.MakeSeed(),
		posts:      source.New(src, source.Options{Once: opts.Once, SpillDir: opts.SpillDir, Cache: postCache(opts.CacheDir)}),
		standalone: source.New(src, source.Options{Once: opts.Once, Dir: PagesDir})}
}

// Build reads the blog and prepares the site; nothing is rendered yet. The
// first call reads every file; later calls read again only the files named in
// changed (slash-separated, relative to the blog's root), or every file when
// changed is nil. The error, if any, is a problem.List.
//
// Build reports every problem it can find in one run: a post with a
// mistake in its front matter is left out of the site, but its links and
// its warnings are still checked. Warnings gives the warnings of the
// build, also when it fails.
func (b *Builder) Build(ctx context.Context, changed []string) (*Site, error) {
	var problems problem.List
	b.warnings = nil
	if b.now = b.opts.Now; b.now.IsZero() {
		b.now = time.Now()
	}
	// A config that did not read is read again until it does: its
	// problems stay on screen until it is fixed.
	cfgChanged := !b.loaded || changed == nil || b.configBad || slices.Contains(changed, config.File)
	if cfgChanged {
		cfg, ps := b.readConfig()
		problems = append(problems, ps...)
		b.configBad = len(ps) > 0
		if len(ps) > 0 {
			// Every problem in one run: the posts are checked too,
			// with what of site.toml did read.
			problems = append(problems, b.checkWith(ctx, cfg)...)
			problems.Sort()
			return nil, problems
		}
		if b.opts.BaseURL != "" {
			cfg.BaseURL = strings.TrimSuffix(b.opts.BaseURL, "/") + "/"
		}
		key := *cfg
		key.Rates = nil                 // rates change only the totals, which every build makes afresh
		key.Evidence = nil              // checked, and shown, by every build afresh
		key.Claims = nil                // a pointer: its contents are hashed
		key.Menu, key.Params = nil, nil // for the templates only, read afresh by every build
		h := maphash.Comparable(b.seed, key) ^ maphash.String(b.seed, cfg.Claims.Key())
		if h != b.cfgHash {
			// Every post depends on the config (currency, zone, raw HTML).
			b.config, b.cfgHash = cfg, h
			b.md = markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML, Figures: true, SiteURL: cfg.BaseURL, Prose: true})
			b.reviewing, _ = reviewOptions(cfg) // site.toml has reported an error in [claims]
			b.settings = settingsKey(cfg)       // and the cache's key of them (cache.go)
			b.posts.Reset()
			b.standalone.Reset()
			b.loaded = false
		}
		b.config = cfg
	}
	fullRead := !b.loaded || changed == nil
	if fullRead {
		if err := b.posts.ReadAll(ctx, b.parse()); err != nil {
			return nil, err
		}
		b.loaded = true
	} else if err := b.posts.ReadChanged(ctx, b.parse(), changed); err != nil {
		return nil, err
	}
	loc := locale.New(b.config.Lang)
	if cfgChanged || changed == nil || b.tmpl == nil && b.tmplProblems == nil || slices.ContainsFunc(changed, isTemplate) {
		b.tmpl, b.tmplProblems = loadTemplates(b.src, b.theme, loc, b.config.BaseURL)
		b.tmplGen++ // the languages' templates are loaded again too
	}
	tmpl := b.tmpl
	problems = append(problems, b.tmplProblems...)

	ents := b.posts.Entries()
	now := b.now
	problems = append(problems, b.posts.Outside()...)
	pages, badPages, ps, pageWarnings, err := b.readPages(ctx, changed, fullRead)
	if err != nil {
		return nil, err
	}
	problems = append(problems, ps...)
	var posts, withFigures []*Post
	var bad []*Post             // left out for their problems: their links are still checked
	var bySlug map[string]*Post // only when two posts share a slug
	if b.posts.SharedSlugs() {
		bySlug = map[string]*Post{}
	}
	// The site's posts in one array: one allocation rather than one a post,
	// and the loops over them read memory in order.
	all := make([]Post, len(ents))
	warnings := pageWarnings // of the front matter of every post and page, published or not (package post)
	// and the interface's strings the language lacks (package i18n)
	warnings = append(warnings, tmpl.words.Warnings()...)
	var leftOut struct{ Drafts, Future int }
	for i, e := range ents {
		problems = append(problems, e.Problems...)
		if e.Post != nil {
			warnings = append(warnings, e.Post.Warnings...)
		}
		if !e.Good() {
			if e.Post != nil {
				bad = append(bad, &Post{Post: e.Post, entry: e, words: e.Words})
			}
			continue
		}
		p := e.Post
		if bySlug != nil {
			if other, dup := bySlug[p.Lang+"/"+p.Slug]; dup { // a translation has its original's slug
				at := p.Keys.At("slug")
				problems.Add(p.File, at.Line, at.Col, "slug %q is also the slug of %s: give one of them another slug (slug: …)", p.Slug, other.File)
				bad = append(bad, &Post{Post: p, entry: e, words: e.Words})
				continue
			}
		}
		sp := &all[i]
		sp.Post, sp.words, sp.entry = p, e.Words, e
		sp.content, sp.summary = e.HTML, e.Summary
		if bySlug != nil {
			bySlug[p.Lang+"/"+p.Slug] = sp
		}
		sp.Scheduled = p.Date.After(now)
		if p.Draft && !b.opts.Drafts || sp.Scheduled && !b.opts.Future {
			if p.Draft {
				leftOut.Drafts++
			} else {
				leftOut.Future++
			}
			continue
		}
		if e.Doc != nil && e.Doc.Figures > 0 {
			withFigures = append(withFigures, sp) // rendered again once the totals are known
		}
		posts = append(posts, sp)
	}
	for _, p := range pages {
		if e := p.entry; e.Doc != nil && e.Doc.Figures > 0 {
			withFigures = append(withFigures, p)
		}
	}
	bad = append(bad, badPages...)
	every := slices.Concat(posts, pages) // of every language
	posts, pages, langs, ledger, ps := b.languages(posts, pages)
	problems = append(problems, ps...)
	problems = append(problems, checkAliases(slices.Concat(posts, pages))...)
	problems = append(problems, doubleClaims(ledger)...)
	problems = append(problems, requiredEvidence(b.config.Evidence, ledger)...)
	// Resolving the links and laying out the site run on a core each;
	// link writes no post until set, once newSite is done. newSite sorts
	// its list, so link gets its own.
	var s *Site
	var layout sync.WaitGroup
	unsorted := every // what link resolves: the pages' links too, in every language
	prev := b.lastSite()
	layout.Go(func() { s = newSite(b.config, loc, posts, pages, tmpl, prev, b.opts.Once) })
	extra := b.link(unsorted, bad)
	layout.Wait()
	extra.set()
	problems = append(problems, extra.problems...)
	if len(warnings) > 0 {
		extra.warnings = append(extra.warnings, warnings...)
		extra.warnings.Sort()
	}
	if ws := b.review(s, unsorted, bad); len(ws) > 0 {
		extra.warnings = append(extra.warnings, ws...)
		extra.warnings.Sort()
	}
	b.warnings = extra.warnings
	s.assets = extra.assets
	problems = append(problems, s.problems...) // a missing rate
	problems = append(problems, s.aliasClashes()...)
	problems = append(problems, s.pageClashes()...)
	problems = append(problems, s.menuProblems()...)
	if len(problems) > 0 {
		problems.Sort()
		return nil, problems
	}
	b.inc.last = s
	s.Warnings, s.spill, s.LeftOut = extra.warnings, b.posts.Spill(), leftOut
	s.version, s.sourceDate = b.opts.Version, b.opts.SourceDate
	b.addLanguages(s, langs, ledger)
	for _, l := range s.family() {
		l.renderFigures(b.md, slices.DeleteFunc(slices.Clone(withFigures), func(p *Post) bool { return p.site != l }))
		if l != s {
			s.problems = append(s.problems, l.problems...)
		}
	}
	if len(s.problems) > 0 {
		s.problems.Sort()
		return nil, s.problems
	}
	return s, nil
}

// parse is how the posts of this build are read.
func (b *Builder) parse() source.Parse {
	return source.Parse{
		Post:     post.Options{Currency: b.config.Cur, Location: b.config.Location, Now: b.now},
		Markdown: b.md,
		Review:   b.reviewing,
		Settings: b.settings,
	}
}

// Warnings are the warnings of the last Build, whether it failed or not:
// what is shown, but perhaps not as its writer meant. A Site that builds
// has the same in Site.Warnings.
func (b *Builder) Warnings() problem.List { return b.warnings }

// totalsOf computes the totals of the posts (impact.Compute): they point at
// the posts' own donations and offsets.
func totalsOf(posts []*Post, opts ...impact.Option) (*impact.Totals, error) {
	var ds []*impact.Donation
	var os []*impact.Offset
	var es []*impact.Emission
	for _, p := range posts {
		for i := range p.Donations {
			ds = append(ds, &p.Donations[i])
		}
		for i := range p.Offsets {
			os = append(os, &p.Offsets[i])
		}
		es = append(es, emissionsOf(p)...)
	}
	if es != nil {
		opts = append(opts, impact.WithEmissions(es))
	}
	return impact.Compute(len(posts), ds, os, opts...)
}

// doubleClaims reports the credits that two posts of the site claim: serial
// blocks of one registry that overlap (package registry). check includes
// drafts and future posts, so it finds a claim a draft would repeat.
func doubleClaims(posts []*Post) problem.List {
	var claims []registry.Claim[post.Citation]
	for _, p := range posts {
		claims = append(claims, post.Claims(p.Post)...)
	}
	return post.DoubleClaims(claims)
}
