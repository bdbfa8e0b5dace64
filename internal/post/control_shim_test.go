package post

import "github.com/impactblog/impactblog/internal/field"

// control is field.Control, which the fuzz tests hold messages to.
var control = field.Control
