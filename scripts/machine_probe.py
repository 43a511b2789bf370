#!/usr/bin/env python3
"""How fast this machine moves memory and writes to its disk, right now.

The shared 2-core machines routegraph is measured on change speed by up to 1.4x within an hour, and
a conversion slows most where it moves memory (copying rendered output, first touches of new pages)
or waits for the disk (1.6 GB of outputs at 1 GB of input, written with direct I/O). The benchmark
probes both before and after it measures, so that a slow run can be told from a slow spell, and
shows the time the disk needs for each run's outputs.

    python3 scripts/machine_probe.py [DIRECTORY]    # the disk probed is DIRECTORY's (default: .)
"""
import mmap, os, statistics, sys, time


def memory_copy_gbps(size=256 << 20, rounds=5):
    """GB/s of copying `size` bytes between two buffers already in memory (median of `rounds`):
    far larger than the caches, so it is the memory's speed as this machine's neighbours leave it."""
    source = bytearray(b"\x5a") * size  # Filled, so its pages exist (a bare bytearray maps zero pages).
    target = bytearray(b"\xa5") * size
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        target[:] = source
        seconds.append(time.perf_counter() - start)
    return size / statistics.median(seconds) / 1e9


def direct_write_gbps(directory, size=1 << 30, block=1 << 20):
    """GB/s of writing `size` bytes in `block`-sized direct writes (O_DIRECT, past the page cache,
    as routegraph writes its outputs) to a scratch file in `directory`, synced at the end; None
    where the file system refuses direct I/O or the write fails (a full disk)."""
    direct = getattr(os, "O_DIRECT", 0)
    if not direct:
        return None
    path = os.path.join(directory, ".machine-probe")
    buffer = mmap.mmap(-1, block)  # Page-aligned, as direct I/O requires.
    buffer.write(b"\x5a" * block)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | direct, 0o600)
    except OSError:
        return None
    try:
        start = time.perf_counter()
        for _ in range(size // block):
            os.write(fd, buffer)
        os.fsync(fd)
        return size / (time.perf_counter() - start) / 1e9
    except OSError:
        return None
    finally:
        os.close(fd)
        os.unlink(path)


def probe(directory):
    """Both speeds, as a dict for the benchmark's JSON."""
    return {"memoryCopyGBps": memory_copy_gbps(), "directWriteGBps": direct_write_gbps(directory)}


def describe(result):
    """One line for people: 'memory copy 12.3 GB/s, direct writes 1.41 GB/s'."""
    disk = result["directWriteGBps"]
    disk_text = f"{disk:.2f} GB/s" if disk else "not measured (no direct I/O here, or the disk is full)"
    return f"memory copy {result['memoryCopyGBps']:.1f} GB/s, direct writes {disk_text}"


if __name__ == "__main__":
    print(describe(probe(sys.argv[1] if len(sys.argv) > 1 else ".")))
