package main

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

func TestHalfUsed(t *testing.T) {
	const MB = 1 << 20
	for _, tc := range []struct {
		name                string
		live, goal, objects uint64
		want                bool
	}{
		{"just collected", 100 * MB, 200 * MB, 100 * MB, false},
		{"a quarter used", 100 * MB, 200 * MB, 125 * MB, false},
		{"exactly half", 100 * MB, 200 * MB, 150 * MB, false},
		{"past half", 100 * MB, 200 * MB, 151 * MB, true},
		{"at the goal", 100 * MB, 200 * MB, 200 * MB, true},
		{"below live (not expected)", 100 * MB, 200 * MB, 90 * MB, false},
		{"no room: goal not above live", 200 * MB, 200 * MB, 250 * MB, false},
		{"nothing measured", 0, 0, 0, false},
	} {
		if got := halfUsed(tc.live, tc.goal, tc.objects); got != tc.want {
			t.Errorf("%s: halfUsed(%d, %d, %d) = %v, want %v", tc.name, tc.live, tc.goal, tc.objects, got, tc.want)
		}
	}
}

// TestHeapHalfUsedReadsTheRuntime: the metrics heapHalfUsed reads are
// this runtime's; right after a collection the heap is not past half, and
// after allocating most of its room it is.
func TestHeapHalfUsedReadsTheRuntime(t *testing.T) {
	kinds := map[string]metrics.ValueKind{}
	for _, d := range metrics.All() {
		kinds[d.Name] = d.Kind
	}
	for _, s := range heapSamples() {
		if kinds[s.Name] != metrics.KindUint64 {
			t.Errorf("the runtime has no uint64 metric %s", s.Name)
		}
	}
	// Other goroutines may allocate, or start a collection, between the
	// calls: each check has three tries.
	for i := range 3 {
		runtime.GC()
		if !heapHalfUsed() {
			break
		}
		if i == 2 {
			t.Error("heapHalfUsed is true right after each of three collections")
		}
	}
	for i := range 3 {
		runtime.GC()
		s := heapSamples()
		metrics.Read(s)
		live, goal := s[0].Value.Uint64(), s[1].Value.Uint64()
		// 60 % of the room: past half, and short of where the runtime
		// starts its own collection (70 % or more).
		var keep [][]byte
		for n := uint64(0); n < (goal-live)*6/10; n += 64 << 10 {
			keep = append(keep, make([]byte, 64<<10))
		}
		half := heapHalfUsed()
		runtime.KeepAlive(keep)
		if half {
			break
		}
		if i == 2 {
			t.Errorf("heapHalfUsed is false after allocating 60 %% of the heap's room (live %d, goal %d bytes), three times", live, goal)
		}
	}
}

// testGC is an idleGC whose collections are counted on a channel.
func testGC(delay time.Duration, due bool) (*idleGC, chan struct{}) {
	collected := make(chan struct{}, 10)
	return &idleGC{
		delay:   delay,
		due:     func() bool { return due },
		collect: func() { collected <- struct{}{} },
	}, collected
}

func TestIdleGC(t *testing.T) {
	const delay = 20 * time.Millisecond
	quiet := func(t *testing.T, collected chan struct{}, wait time.Duration) {
		t.Helper()
		select {
		case <-collected:
			t.Error("collected, want no collection")
		case <-time.After(wait):
		}
	}
	collects := func(t *testing.T, collected chan struct{}) {
		t.Helper()
		select {
		case <-collected:
		case <-time.After(10 * time.Second):
			t.Fatal("no collection within 10s")
		}
	}
	t.Run("collects once after a rebuild", func(t *testing.T) {
		g, collected := testGC(delay, true)
		defer g.stop()
		g.rebuilt()
		collects(t, collected)
		quiet(t, collected, 10*delay)
	})
	t.Run("collects after each rebuild", func(t *testing.T) {
		g, collected := testGC(delay, true)
		defer g.stop()
		for range 2 {
			g.rebuilt()
			collects(t, collected)
		}
	})
	t.Run("not while a change is pending", func(t *testing.T) {
		// Long enough that the test is not paused for it between the calls.
		const delay = 500 * time.Millisecond
		g, collected := testGC(delay, true)
		defer g.stop()
		g.rebuilt()
		g.busy()
		quiet(t, collected, 2*delay)
		g.settled() // background work ends during the rebuild: still waiting
		quiet(t, collected, 2*delay)
		g.rebuilt()
		collects(t, collected)
	})
	t.Run("not when the heap has room", func(t *testing.T) {
		g, collected := testGC(delay, false)
		defer g.stop()
		g.rebuilt()
		quiet(t, collected, 10*delay)
	})
	t.Run("a rebuild during the wait starts it again", func(t *testing.T) {
		const delay = 200 * time.Millisecond
		at := make(chan time.Time, 10)
		g := &idleGC{delay: delay, due: func() bool { return true }, collect: func() { at <- time.Now() }}
		defer g.stop()
		g.rebuilt()
		time.Sleep(delay / 2)
		second := time.Now()
		g.rebuilt()
		var first time.Time
		select {
		case first = <-at:
		case <-time.After(10 * time.Second):
			t.Fatal("no collection within 10s")
		}
		select {
		case <-at:
			// Two collections: the test was paused past the first wait,
			// which ended before the second rebuild.
			t.Logf("the first wait ended before the second rebuild")
		case <-time.After(3 * delay):
			// One: it came a whole delay after the second rebuild.
			if d := first.Sub(second); d < delay {
				t.Errorf("collected %v after the second rebuild, want at least %v", d, delay)
			}
		}
	})
	t.Run("stop waits for a collection in progress, then ends it", func(t *testing.T) {
		started, release := make(chan struct{}), make(chan struct{})
		var done bool
		g := &idleGC{
			delay: delay,
			due:   func() bool { return true },
			collect: func() {
				close(started) // a second collection would panic here
				<-release
				done = true
			},
		}
		g.rebuilt()
		<-started
		stopped := make(chan struct{})
		go func() {
			g.stop()
			close(stopped)
		}()
		select {
		case <-stopped:
			t.Fatal("stop returned during a collection")
		case <-time.After(5 * delay):
		}
		close(release)
		<-stopped
		if !done {
			t.Error("stop returned before the collection ended")
		}
		g.rebuilt() // after stop: nothing is started
		g.settled()
		time.Sleep(5 * delay)
	})
}

// TestServeCollectsWhenIdle: serve lets its idleGC collect after the first
// build and after a rebuild, once nothing changes.
func TestServeCollectsWhenIdle(t *testing.T) {
	dir := smallBlog(t)
	const delay = 10 * time.Millisecond
	g, collected := testGC(delay, true)
	r := startServeCmd(t, dir, &serveCommand{delay: testDelay, gc: g})
	wait := func(after string) {
		t.Helper()
		select {
		case <-collected:
		case <-time.After(10 * time.Second):
			t.Fatalf("no collection within 10s %s\n%s", after, r.stdout)
		}
	}
	wait("of the first build")
	// The first build collects before serving, and again once its check
	// of the templates ends.
	n := 1
	for quiet := false; !quiet; {
		select {
		case <-collected:
			n++
		case <-time.After(50 * delay):
			quiet = true
		}
	}
	if n != 2 {
		t.Errorf("%d collections after the first build, want 2: before serving, and after the check of the templates", n)
	}
	writeFile(t, dir, "posts/first.md", testPost("First post", "Edited."))
	if ok := <-r.rebuilds; !ok {
		t.Fatalf("the rebuild failed\n%s", r.stdout)
	}
	wait("of a rebuild")
}
