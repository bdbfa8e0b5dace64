package impact

// totals is Compute, without rates, of donations and offsets held by
// value.
func totals(posts int, donations []Donation, offsets []Offset) *Totals {
	t, _ := Compute(posts, pointers(donations), pointers(offsets))
	return t
}

// pointers points at each element of list.
func pointers[T any](list []T) []*T {
	if len(list) == 0 {
		return nil
	}
	out := make([]*T, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	return out
}
