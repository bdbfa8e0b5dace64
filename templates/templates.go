// Package templates is the built-in theme of impactblog: the html/template
// files and static assets in this folder, embedded into the binary so that a
// blog without its own templates/ folder still builds. A blog's own
// templates/ replaces these file by file. See package site for the template
// names and the data each page gets.
package templates

import "embed"

// FS holds base.html, the page templates, partials/ and static/.
//
//go:embed *.html partials/*.html static
var FS embed.FS
