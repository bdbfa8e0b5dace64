// Package post reads one post: its front matter into typed fields that keep
// their positions, its Markdown body, and every problem a writer can make.
//
// # Files
//
// A post is a file under posts/ (any depth) whose name ends in .md or
// .markdown, except a section page of Hugo or Zola (_index.md), which is
// not a post. A file named index.md (or index.markdown) is a page bundle: the
// folder names the post. A file name may start with a date, YYYY-MM-DD-,
// which then gives the post's date and is not part of its slug.
//
// # Front matter
//
// The file starts with front matter in YAML (between --- lines), TOML
// (between +++ lines) or JSON (a { … } object followed by an empty line, or
// between ;;; lines). Keys, as declared in postKeys (keys.go), which
// TestDocMatchesSchema holds this list to:
//
//	title         required
//	date          required unless the file name starts with YYYY-MM-DD-;
//	              YYYY-MM-DD, RFC 3339, or YYYY-MM-DD HH:MM:SS ±hhmm
//	slug          letters, digits and -; default: the file name without date and extension
//	author        a name
//	authors       a list of names
//	tags          a list (or one string; categories may be words)
//	              categories and category are read as tags
//	taxonomies    a table (Zola): its tags and categories are read as tags
//	summary       plain text; given with description or excerpt, summary wins
//	              description and excerpt are read as summary
//	draft         true leaves the post out unless drafts are asked for
//	published     false (Jekyll) is read as draft: true
//	updated       a date, as date
//	              lastmod and last_modified_at are read as updated
//	aliases       old URLs of the post; permalink only without :placeholders (Jekyll)
//	              redirect_from and permalink are read as aliases
//	toc           true adds a table of contents
//	              kept in Params too, and read inside extra (Zola) or params (Hugo)
//	image         the picture shown when the post is shared; else image.path (Jekyll),
//	              or the first of images
//	              kept in Params too, and read inside extra (Zola) or params (Hugo)
//	impact        the figures, below
//
// Values are read as package field says: text and keys may not hold a
// control character nor a bidirectional override, and text is one line
// unless the row of its key lets it hold line breaks, as summary's alone
// does.
//
// These keys, but toc and image, are read whatever their case (Title,
// Impact). Every other top-level key is kept in Params for templates,
// except one that looks meant for the impact block, whose figures would
// then be in no total: impact misspelled (imapct, impacts, " impact"); a
// key that starts with impact. or impact_ ("impact.donations" is one key,
// in YAML, in JSON and quoted in TOML); one of its lists outside it
// (donations, offsets, emissions), or an impact block inside another
// table (params.impact), at any depth; or, under any other name and at any
// depth, a list of tables with amount, recipient, tonnes or provider
// (donation_list). Each is a problem at the key, with the fix.
//
// # Impact
//
// The impact block, as declared in the tables of impact.go (one per kind
// of entry), which TestDocMatchesSchema holds this list to:
//
//	impact:
//	  donations:            a list; each:
//	    - recipient:        required
//	      kind:             money (the default) | in-kind | sponsorship | purchase
//	      amount:           required, > 0: 112000 or "2500.75", no symbol or separators; optional for in-kind: its declared value
//	      currency:         ISO 4217 code; default: the site's currency
//	      items:            in-kind only, and required there: a list of what (text) and count (> 0)
//	      project:          optional text
//	      date:             the day the donation counts for; default: the post's date
//	      url:              optional text
//	      evidence:         a receipt or letter: http(s), or a file beside the post (receipt.pdf)
//	      recipient_id:     the recipient's registration, as written
//	  offsets:              a list; each:
//	    - provider:         required
//	      tonnes:           required, > 0: tonnes of CO2e
//	      price_per_tonne:  optional; cost = tonnes × price, rounded once to the penny
//	      cost:             optional; with a price, it must agree
//	      currency:         as for donations
//	      project:          optional text
//	      scope:            optional text: which emissions it covers (not a GHG scope)
//	      date:             as for donations
//	      registry:         verra | gold-standard | acr | car | puro | isometric | other
//	      serials:          one serial block, or a list; their credits = tonnes
//	      project_id:       the registry's project id, as in the serials
//	      country:          the project's country, ISO 3166: as in the serials
//	      vintage:          the year of the reductions or removals: as in the serials
//	      retired_on:       the day the credits were retired
//	      beneficiary:      on whose behalf they were retired
//	      retirement_url:   the registry's public record: http(s)
//	      type:             avoidance | removal
//	  emissions:            optional: where the offset emissions came from; each:
//	    - source:           required
//	      share:            a percentage (the shares of a post add up to 100 at most)
//	      tonnes:           or tonnes of CO2e
//	      scope:            the GHG Protocol's scope: 1, 2 or 3
//	      category:         of scope 3 only: 1 to 15 (4: transport paid for, 9: not)
//	      period:           optional text: when they were emitted
//	      method:           optional text: how they were measured
//
// Inside impact, an unknown key is a problem (with a "did you mean" hint),
// and so is a key given twice, since either would silently drop or change
// money in a total.
//
// # Evidence
//
// An offset's serials are read for its registry (package registry gives
// each registry's shape), which they need: a serial of another shape is a
// problem at the serial, with the shape to write. The credits of an
// offset's serial blocks must be its tonnes exactly (one credit is one
// tonne), and what a serial says of its project, country and vintage must
// agree with project_id, country and vintage when they are given: each
// disagreement is a problem at the key. Two serial blocks of one post that
// share credits are a problem at both; across posts, the site finds them
// with Claims and DoubleClaims. An emission's category is for scope 3
// only, and needs scope: 3.
//
// A donation is of money unless its kind says otherwise. An in-kind gift
// (kind: in-kind) needs items, each what was given (one line) and its
// count (a whole number more than zero); its amount, when given, is their
// declared value. Items on a donation of any other kind are a problem at
// items. A sponsorship or a purchase is a payment, not a gift: package
// impact never counts it as given. A donation's evidence is an http or
// https address, or the path of a file from the post's folder (receipt.pdf
// in a page bundle): not an absolute path, one that climbs out of posts/,
// nor an address of another scheme. Such a file is one of the post's
// Attachments, which package links publishes with the post; a missing one
// is a problem at the evidence.
//
// # Warnings
//
// A warning is something the post shows, perhaps not as its writer meant: it
// is reported (Post.Warnings), and fails a build only with -strict. A date
// (date, updated, a donation's or offset's date, or the file name's) more
// than a year after today (Options.Now), or before 1900, is surely a typo
// and a warning, with the year probably meant when two neighbouring digits
// swapped, or else one digit changed, give a year between 1900 and next year:
// "date 2204-07-15 is more than a year from now: did you mean 2024?".
//
// # Limits
//
// A post file may be at most 4 MiB (MaxFileSize; a book chapter is about
// 1 MB of Markdown) and its front matter at most 256 KiB (MaxFrontMatter);
// values may nest at most 200 levels deep, in every format. Past a limit
// the post is refused with a problem before its front matter is decoded,
// so that no post, however large or hostile, is slow to read.
//
// # Problems
//
// Every problem names the file, line and column of what to fix, counted in
// the file as the writer sees it: the opening delimiter and any blank lines
// before it count. YAML and JSON positions come from their decoders; TOML
// positions are found in the text of the front matter.
package post
