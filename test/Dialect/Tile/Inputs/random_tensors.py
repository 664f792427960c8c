"""Random tile-tensor kernels for ipu-allocate-memory, and an independent placement check.

  random_tensors.py generate TENSORS TILES STEPS SEED   prints a mapped kernel: each tensor
      lives on a run of tiles and is used (by `fill` vertices) at its first and last step
  random_tensors.py check                                reads the pass's output on stdin and
      checks, pair by pair, that no two tensors sharing a tile and live at the same time
      overlap (a brute-force oracle for the pass and the kernel verifier)
"""
import random
import re
import sys


def generate(n, tiles, steps, seed):
    rng = random.Random(seed)
    spans = [tiles, tiles, max(1, tiles // 2), max(1, tiles // 4), 16, 1]
    out = [f'tile.ipu preset("gc200") tiles({tiles}) memory_bytes(638976) workers(6) '
           'clock_hz(1.33e9) fields {} {', '  tile.kernel @random() {']
    tensors, uses = [], {}
    for k in range(n):
        span = min(tiles, rng.choice(spans) if rng.random() < 0.7 else rng.randint(1, tiles))
        first_tile = rng.randrange(0, tiles - span + 1)
        words = rng.randint(16, 1024)
        first = rng.randrange(steps)
        last = min(steps - 1, first + rng.randint(0, 20))
        tensors.append(words)
        tile_list = ", ".join(str(t) for t in range(first_tile, first_tile + span))
        out.append(f'    %t{k} = tile.tensor "t{k}" tiles [{tile_list}] : !tile.tensor<{words}>')
        uses.setdefault(first, []).append((k, first_tile, 0))
        uses.setdefault(last, []).append((k, first_tile + span - 1, 1))
    for s in range(steps):
        out.append(f'    tile.compute_set "cs{s}" {{')
        for k, tile, word in uses.get(s, []):
            out.append(f'      tile.vertex fill tile({tile}) out(%t{k}[{word}:1]) value(0.0)'
                       f' : !tile.tensor<{tensors[k]}>')
        out.append('    }')
        out.append('    tile.sync')
    out += ['  }', '}']
    print("\n".join(out))


def check():
    # pos: index of the kernel's current top-level op (the body is at depth `body`).
    tensors, pos, depth, body, uses = {}, -1, 0, None, {}
    for line in sys.stdin:
        s = line.strip()
        m = re.match(r'%(\w+) = tile.tensor "\w+" tiles \[([^\]]*)\] offset\((\d+)\) : '
                     r'!tile.tensor<(\d+)>', s)
        if m:
            pos += 1
            tensors[m.group(1)] = (set(int(t) for t in m.group(2).split(",")),
                                   int(m.group(3)), int(m.group(4)))
            continue
        if s.startswith("tile.kernel"):
            body = depth + 1
        elif depth == body and s.startswith("tile."):
            pos += 1
        for name in re.findall(r'%(t\d+)\[', s):
            uses.setdefault(name, []).append(pos)
        depth += s.count("{") - s.count("}")
    names = sorted(tensors)
    bad = 0
    for i, a in enumerate(names):
        ta, oa, wa = tensors[a]
        fa, la = min(uses[a]), max(uses[a])
        for b in names[i + 1:]:
            tb, ob, wb = tensors[b]
            fb, lb = min(uses[b]), max(uses[b])
            if fa <= lb and fb <= la and oa < ob + wb and ob < oa + wa and ta & tb:
                bad += 1
                print(f"overlap: {a} and {b}")
    print(f"checked {len(names)} tensors: {bad} overlaps")
    sys.exit(1 if bad or not names else 0)


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(*(int(a) for a in sys.argv[2:6]))
    else:
        check()
