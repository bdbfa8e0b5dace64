// Package entry reads the impact block of a post's front matter: its
// donations, offsets and emissions, each entry read through the table of
// fields of its kind (impact.go), from which follow the keys an entry
// allows, the "did you mean" hints, which keys are required, this list,
// and new's scaffold (Scaffold). Values are read by package field, and
// every problem is at the line and column of what to fix.
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
//	      illustrative:     why its figures are illustrative, not real: one line, shown with them
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
//	      illustrative:     as for donations
//	  emissions:            optional: where the offset emissions came from; each:
//	    - source:           required
//	      share:            a percentage (the shares of a post add up to 100 at most)
//	      tonnes:           or tonnes of CO2e
//	      scope:            the GHG Protocol's scope: 1, 2 or 3
//	      category:         of scope 3 only: 1 to 15 (4: transport paid for, 9: not)
//	      period:           optional text: when they were emitted
//	      method:           optional text: how they were measured
//	      illustrative:     as for donations
//
// Inside impact, an unknown key is a problem (with a "did you mean" hint),
// and so is a key given twice, since either would silently drop or change
// money in a total. An entry without a date counts for the post's
// (Block.Finish).
//
// # Evidence
//
// An offset's serials are read for its registry (package registry gives
// each registry's shape), which they need: a serial of another shape is a
// problem at the serial, with the shape to write. The credits of an
// offset's serial blocks must be its tonnes exactly (one credit is one
// tonne), and what a serial says of its project, country and vintage must
// agree with project_id, country and vintage when they are given: each
// disagreement is a problem at the key; package post finds the credits
// that two serial blocks claim twice. An emission's category is for scope
// 3 only, and needs scope: 3.
//
// An entry's illustrative says that its figures are not real, and why
// ("the post gives no tonnage"): a sample blog's, or a figure a post
// leaves out that a writer filled in to show the site at work. The
// figures still count in every total; the reason goes with them into
// impact.json and impact.csv, and is shown next to them on the post's
// figures and the impact page.
//
// A donation is of money unless its kind says otherwise. An in-kind gift
// (kind: in-kind) needs items, each what was given (one line) and its
// count (a whole number more than zero); its amount, when given, is their
// declared value. Items on a donation of any other kind are a problem at
// items. A sponsorship or a purchase is a payment, not a gift: package
// impact never counts it as given. A donation's evidence is an http or
// https address, or the path of a file from the post's folder (receipt.pdf
// in a page bundle): not an absolute path, one that climbs out of posts/,
// nor an address of another scheme. Such a file is one of the block's
// Attachments (Post.Attachments), which package links publishes with the
// post; a missing one is a problem at the evidence.
//
// # Figures outside impact
//
// Figures count only inside the impact block. A key the post does not
// read is kept for templates, but one that looks meant for the impact
// block would have its figures in no total, and is a problem at the key,
// with the fix (Stray): impact misspelled (imapct, impacts, " impact"); a
// key that starts with impact. or impact_ ("impact.donations" is one key,
// in YAML, in JSON and quoted in TOML); one of its lists outside it
// (donations, offsets, emissions), or an impact block inside another
// table (params.impact), at any depth; or, under any other name and at any
// depth, a list of tables with amount, recipient, tonnes or provider
// (donation_list).
package entry
