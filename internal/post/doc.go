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
//	title           required
//	date            required unless the file name starts with YYYY-MM-DD-;
//	                YYYY-MM-DD, RFC 3339, or YYYY-MM-DD HH:MM:SS ±hhmm
//	slug            letters, digits and -; default: the file name without date and extension
//	author          a name
//	authors         a list of names
//	tags            a list (or one string; categories may be words)
//	                categories and category are read as tags
//	taxonomies      a table (Zola): its tags and categories are read as tags
//	summary         plain text; given with description or excerpt, summary wins
//	                description and excerpt are read as summary
//	draft           true leaves the post out unless drafts are asked for
//	published       false (Jekyll) is read as draft: true
//	updated         a date, as date
//	                lastmod and last_modified_at are read as updated
//	aliases         old URLs of the post; permalink only without :placeholders (Jekyll)
//	                redirect_from and permalink are read as aliases
//	toc             true adds a table of contents
//	                kept in Params too, and read inside extra (Zola) or params (Hugo)
//	image           the picture shown when the post is shared; else image.path (Jekyll),
//	                or the first of images
//	                kept in Params too, and read inside extra (Zola) or params (Hugo)
//	lang            the post's language, a BCP 47 tag (fr, de-DE); default: the site's
//	                language is read as lang
//	translation_of  the file of the post this one translates, from this post's folder (x.md);
//	                x.fr.md beside x.md is its French translation without it
//	plan_url        the published plan behind a future claim ("net zero by 2030"): an http(s) URL
//	verifier        who independently verifies that plan
//	claims          accept: {rule: "reason"} accepts that claims rule's findings in this post,
//	                with a reviewer's reason (package claims)
//	impact          the figures: see package entry
//
// Values are read as package field says: text and keys may not hold a
// control character nor a bidirectional override, and text is one line
// unless the row of its key lets it hold line breaks, as summary's alone
// does.
//
// These keys, but toc and image, are read whatever their case (Title,
// Impact). Every other top-level key is kept in Params for templates,
// except one that looks meant for the impact block, whose figures would
// then be in no total (package entry says which): that is a problem at
// the key, with the fix.
//
// # Impact
//
// The impact block is read by package entry, whose doc lists its keys:
// donations, offsets and emissions, and the evidence for them. Two serial
// blocks of one post that share credits are a problem at both; across
// posts, the site finds them with Claims and DoubleClaims.
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
