"""Writes a little-endian C-order .npy file without numpy (lit inputs).

    write_npy.py OUT DESCR DIMS VALUES   e.g. write_npy.py s.npy '<i8' 2 3,-1
DIMS is comma-separated ('' for a scalar); VALUES likewise.
"""
import struct
import sys

out, descr, dims, values = sys.argv[1:5]
shape = tuple(int(d) for d in dims.split(",") if d)
fmt = {"<i8": "q", "<i4": "i", "<f4": "f", "|b1": "?"}[descr]
conv = float if fmt == "f" else int
data = b"".join(struct.pack("<" + fmt, conv(v)) for v in values.split(",") if v)
shape_text = "(" + "".join(f"{d}," for d in shape) + ")" if len(shape) != 1 else f"({shape[0]},)"
header = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape_text}, }}"
pad = 64 - (10 + len(header) + 1) % 64
header = header + " " * (pad % 64) + "\n"
with open(out, "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + data)
