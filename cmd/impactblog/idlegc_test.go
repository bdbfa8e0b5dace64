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
		{"less than live (swept since)", 100 * MB, 200 * MB, 90 * MB, false},
		{"no room: goal not above live", 200 * MB, 200 * MB, 250 * MB, false},
		{"nothing measured", 0, 0, 0, false},
	} {
		if got := halfUsed(tc.live, tc.goal, tc.objects); got != tc.want {
			t.Errorf("%s: halfUsed(%d, %d, %d) = %v, want %v", tc.name, tc.live, tc.goal, tc.objects, got, tc.want)
		}
	}
}

// TestHeapHalfUsedReadsTheRuntime: the metrics heapHalfUsed reads are
// this runtime's, and right after a collection the heap is not past half.
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
	for range 3 { // a collection may start between the two calls
		runtime.GC()
		if !heapHalfUsed() {
			return
		}
	}
	t.Error("heapHalfUsed is true right after each of three collections")
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
	quiet := func(t *testing.T, collected chan struct{}) {
		t.Helper()
		select {
		case <-collected:
			t.Error("collected, want no collection")
		case <-time.After(10 * delay):
		}
	}
	t.Run("collects once after a rebuild", func(t *testing.T) {
		g, collected := testGC(delay, true)
		defer g.stop()
		g.rebuilt()
		select {
		case <-collected:
		case <-time.After(10 * time.Second):
			t.Fatal("no collection within 10s of a rebuild")
		}
		quiet(t, collected)
	})
	t.Run("not while a change is pending", func(t *testing.T) {
		g, collected := testGC(delay, true)
		defer g.stop()
		g.rebuilt()
		g.busy()
		quiet(t, collected)
	})
	t.Run("not when the heap has room", func(t *testing.T) {
		g, collected := testGC(delay, false)
		defer g.stop()
		g.rebuilt()
		quiet(t, collected)
	})
	t.Run("each rebuild waits afresh", func(t *testing.T) {
		g, collected := testGC(delay, true)
		defer g.stop()
		for range 2 {
			g.rebuilt()
			select {
			case <-collected:
			case <-time.After(10 * time.Second):
				t.Fatal("no collection within 10s of a rebuild")
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
				close(started)
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
		time.Sleep(5 * delay)
	})
}

// TestServeCollectsWhenIdle: serve lets its idleGC collect after the first
// build and after a rebuild, once nothing changes.
func TestServeCollectsWhenIdle(t *testing.T) {
	dir := smallBlog(t)
	g, collected := testGC(10*time.Millisecond, true)
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
	writeFile(t, dir, "posts/first.md", testPost("First post", "Edited."))
	if ok := <-r.rebuilds; !ok {
		t.Fatalf("the rebuild failed\n%s", r.stdout)
	}
	wait("of a rebuild")
}
