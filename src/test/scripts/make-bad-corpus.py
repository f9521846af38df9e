#!/usr/bin/env python3
"""Writes the hostile-input corpus under src/test/resources/bad/ (run from the repository root).

Every file is something a user, a server or a damaged disk could hand Easel: workflows for `inspect` and import,
/status answers for `decode` and import, pictures for the library's rescan and "Use these settings", settings
files. `BadCorpusIT` runs each through its path and asserts a sentence, no stack trace and nothing half-written.
The corpus is generated so it can be regenerated the same way: `python3 src/test/scripts/make-bad-corpus.py`.
"""
import base64
import json
import os
import random
import struct
import zlib

ROOT = "src/test/resources/bad"
rnd = random.Random(20261202)
counts = {}


def write(kind, name, data):
    os.makedirs(os.path.join(ROOT, kind), exist_ok=True)
    n = counts.get(kind, 0) + 1
    counts[kind] = n
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(ROOT, kind, "%03d-%s" % (n, name)), "wb") as f:
        f.write(data)


tutorial = json.load(open("src/test/resources/comfyui_workflow.json"))
graph = tutorial["input"]["workflow"] if "input" in tutorial else tutorial
g_text = json.dumps(graph)
save = {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "x"}}


def wf(nodes):
    return json.dumps(nodes)


# ---- workflows -------------------------------------------------------------------------------------------
for i, cut in enumerate(sorted(rnd.sample(range(1, len(g_text) - 1), 20))):
    write("workflows", "cut-at-%d.json" % cut, g_text[:cut])
for i in range(20):
    b = bytearray(g_text.encode())
    for _ in range(3):
        b[rnd.randrange(len(b))] = rnd.choice(b'{}[]":,\\\x00\xff')
    write("workflows", "flipped-%02d.json" % i, bytes(b))
for name, ct in [("number", 5), ("null", None), ("array", ["KSampler"]), ("object", {"x": 1}), ("empty", ""),
                 ("true", True), ("huge", "K" * 5000), ("nul", "KSam\u0000pler"), ("space", "   ")]:
    write("workflows", "class-type-%s.json" % name, wf({"1": {"class_type": ct, "inputs": {}}, "9": save}))
for name, inputs in [("array", []), ("string", "x"), ("number", 3), ("null", None), ("nested", {"a": {"b": {}}})]:
    write("workflows", "inputs-%s.json" % name, wf({"1": {"class_type": "EmptyImage", "inputs": inputs}, "9": save}))
for name, num in [("tiny-exp", "1e-2147483649"), ("huge-exp", "1e2147483648"), ("big-int", "9" * 400),
                  ("neg-zero", "-0"), ("nan", "NaN"), ("infinity", "Infinity"), ("hex", "0x10"),
                  ("seed-2-64", "18446744073709551616"), ("seed-neg", "-1"), ("float-width", "512.5")]:
    write("workflows", "number-%s.json" % name, '{"1": {"class_type": "EmptyImage", "inputs": {"width": %s, '
          '"height": 64, "batch_size": 1, "color": 0}}, "9": %s}' % (num, json.dumps(save)))
for name, link in [("one", ["1"]), ("three", ["1", 0, 0]), ("empty", []), ("nested", [["1", 0]]),
                   ("neg-slot", ["1", -1]), ("string-slot", ["1", "0"]), ("big-slot", ["1", 10 ** 9]),
                   ("missing-node", ["77", 0]), ("null-node", [None, 0]), ("float-slot", ["1", 0.5])]:
    write("workflows", "link-%s.json" % name, wf({"1": {"class_type": "EmptyImage", "inputs": {}},
                                                  "9": {"class_type": "SaveImage", "inputs": {"images": link}}}))
write("workflows", "cycle-self.json", wf({"1": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
                                          "9": save}))
write("workflows", "cycle-two.json", wf({"1": {"class_type": "ImageInvert", "inputs": {"image": ["2", 0]}},
                                         "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
                                         "9": save}))
chain = {"n%d" % i: {"class_type": "ImageInvert", "inputs": {"image": ["n%d" % (i + 1), 0]}} for i in range(3000)}
chain["out"] = {"class_type": "SaveImage", "inputs": {"images": ["n0", 0]}}
write("workflows", "chain-3000-dangling.json", wf(chain))
write("workflows", "duplicate-node.json", '{"1": {"class_type": "EmptyImage", "inputs": {}}, "1": {"class_type": '
      '"X"}, "9": %s}' % json.dumps(save))
write("workflows", "duplicate-input.json", '{"1": {"class_type": "EmptyImage", "inputs": {"width": 1, "width": 2}},'
      ' "9": %s}' % json.dumps(save))
for name, text in [("empty", ""), ("spaces", "   \n"), ("null", "null"), ("array", "[]"), ("string", '"x"'),
                   ("number", "42"), ("object-empty", "{}"), ("two-objects", "{} {}"), ("trailing", g_text + "]"),
                   ("comment", "// a workflow\n" + g_text), ("single-quotes", g_text.replace('"', "'")),
                   ("html", "<html><body>502 Bad Gateway</body></html>"), ("xml", "<?xml version='1.0'?><a/>")]:
    write("workflows", "text-%s.json" % name, text)
write("workflows", "bom.json", "\ufeff" + g_text)  # accepted: a BOM is stripped
write("workflows", "utf16.json", g_text.encode("utf-16"))
write("workflows", "binary.json", bytes(rnd.randrange(256) for _ in range(2000)))
write("workflows", "nul-bytes.json", b"\x00" * 100)
write("workflows", "deep-arrays.json", "[" * 100000 + "]" * 100000)
write("workflows", "deep-objects.json", '{"a":' * 5000 + "1" + "}" * 5000)
write("workflows", "long-key.json", wf({"k" * 100000: {"class_type": "EmptyImage", "inputs": {}}, "9": save}))
for name, ui in [("nodes-object", {"nodes": {}, "links": []}), ("links-object", {"nodes": [], "links": {}}),
                 ("node-no-type", {"nodes": [{"id": 1}], "links": []}),
                 ("bad-link", {"nodes": [{"id": 1, "type": "KSampler"}], "links": [[1, 2]]}),
                 ("widgets-string", {"nodes": [{"id": 1, "type": "KSampler", "widgets_values": "x"}], "links": []}),
                 ("ids-strings", {"nodes": [{"id": "a", "type": "SaveImage", "inputs": [{"name": "images", "link": "z"}]}],
                                  "links": [["z", "a", 0, "a", 0, "IMAGE"]]}),
                 ("huge-ids", {"nodes": [{"id": 10 ** 30, "type": "SaveImage"}], "links": []}),
                 ("link-to-nowhere", {"nodes": [{"id": 1, "type": "SaveImage", "inputs": [{"name": "images", "link": 5}]}],
                                      "links": [[5, 99, 0, 1, 0, "IMAGE"]]}),
                 ("only-reroutes", {"nodes": [{"id": 1, "type": "Reroute", "inputs": [{"link": 1}]}],
                                    "links": [[1, 1, 0, 1, 0, "*"]]}),
                 ("version-only", {"version": 0.4})]:
    write("workflows", "editor-%s.json" % name, json.dumps(ui))
for name, body in [("input-string", {"input": "x"}), ("input-null", {"input": None}),
                   ("workflow-array", {"input": {"workflow": []}}), ("workflow-string", {"input": {"workflow": "{}"}}),
                   ("images-object", {"input": {"workflow": graph, "images": {}}}),
                   ("images-bad", {"input": {"workflow": graph, "images": [{"name": 5, "image": None}]}})]:
    write("workflows", "request-%s.json" % name, json.dumps(body))
write("workflows", "png-not-png.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 20)
write("workflows", "no-output-node.json", wf({"1": {"class_type": "EmptyImage", "inputs": {}}}))
write("workflows", "ui-only-node.json", wf({"1": {"class_type": "Reroute", "inputs": {}}, "9": save}))

# ---- /status answers ---------------------------------------------------------------------------------------
png = open("src/test/resources/tiny-64x64.png", "rb").read()
b64 = base64.b64encode(png).decode()


def answer(**kw):
    a = {"id": "job-1", "status": "COMPLETED"}
    a.update(kw)
    return json.dumps(a)


for name, data in [("data-number", 5), ("data-null", None), ("data-empty", ""), ("data-bad-b64", "@@@@"),
                   ("data-cut-b64", b64[: len(b64) // 2]), ("data-not-image", base64.b64encode(b"hello").decode()),
                   ("data-uri-bad", "data:image/png;base64,@@"), ("data-array", [b64]), ("data-object", {"b": b64}),
                   ("data-spaces", " " * 50), ("data-unicode", "\u00e9" * 10), ("data-nul", "AA\u0000AA")]:
    write("answers", "image-%s.json" % name, answer(output={"images": [{"filename": "a.png", "type": "base64",
                                                                          "data": data}]}))
for name, url in [("http-remote", "http://example.com/a.png"), ("space", "https://exa mple.com/a.png"),
                  ("no-host", "https:///a.png"), ("bracket", "https://[::1/a.png"), ("ftp", "ftp://x/a.png"),
                  ("file", "file:///etc/passwd"), ("javascript", "javascript:alert(1)"), ("empty", ""),
                  ("port-huge", "https://example.com:99999/a.png"), ("unicode-host", "https://\u00e9x\u00e0mple/a.png")]:
    write("answers", "url-%s.json" % name, answer(output={"images": [{"filename": "a.png", "type": "s3_url",
                                                                        "data": url}]}))
for name, fn in [("traversal", "../../evil.png"), ("absolute", "/etc/cron.d/x.png"), ("windows", "C:\\\\x\\\\y.png"),
                 ("long", "a" * 400 + ".png"), ("nul", "a\u0000b.png"), ("dots", "...."), ("empty", ""),
                 ("number", 5), ("null", None), ("control", "\u0001\u0002.png"), ("reserved", "CON.png"),
                 ("slashes", "////"), ("unicode", "\u753b\u50cf.png"), ("newline", "a\nb.png")]:
    write("answers", "filename-%s.json" % name, answer(output={"images": [{"filename": fn, "type": "base64",
                                                                             "data": b64}]}))
for name, out in [("string", "x"), ("number", 1), ("array", []), ("null", None), ("images-string", {"images": "x"}),
                  ("images-object", {"images": {}}), ("images-null", {"images": None}),
                  ("images-numbers", {"images": [1, 2]}), ("images-empty", {"images": []}),
                  ("errors-object", {"images": [], "errors": {"a": 1}}), ("status-error", {"status": "error"}),
                  ("message-number", {"message": 5}), ("details-only", {"details": ["boom"]})]:
    write("answers", "output-%s.json" % name, answer(output=out))
for name, st in [("number", 5), ("null", None), ("unknown", "WEIRD"), ("lower", "completed"), ("array", ["X"]),
                 ("in-progress", "IN_PROGRESS"), ("failed-no-error", "FAILED"), ("cancelled", "CANCELLED"),
                 ("timed-out", "TIMED_OUT")]:
    write("answers", "status-%s.json" % name, json.dumps({"id": "j", "status": st}))
for name, extra in [("delay-string", {"delayTime": "x"}), ("exec-negative", {"executionTime": -5}),
                    ("exec-huge", {"executionTime": 10 ** 30}), ("id-number", {"id": 5}), ("id-object", {"id": {}}),
                    ("error-object", {"status": "FAILED", "error": {"x": 1}}),
                    ("error-json-string", {"status": "FAILED", "error": '{"error_type": 5, "error_message": null}'}),
                    ("error-huge", {"status": "FAILED", "error": "x" * 200000}),
                    ("error-validation-garbage", {"status": "FAILED", "error": "Workflow validation failed:\n\u2022 Node"})]:
    a = {"id": "j", "status": "COMPLETED", "output": {"images": []}}
    a.update(extra)
    write("answers", "field-%s.json" % name, json.dumps(a))
good = answer(output={"images": [{"filename": "a.png", "type": "base64", "data": b64}]})
for i, cut in enumerate(sorted(rnd.sample(range(1, len(good) - 1), 12))):
    write("answers", "cut-at-%d.json" % cut, good[:cut])
for name, text in [("empty", ""), ("html", "<html>502</html>"), ("null", "null"), ("array", "[]"),
                   ("utf16", good.encode("utf-16")), ("binary", bytes(rnd.randrange(256) for _ in range(500))),
                   ("two-objects", good + good)]:
    write("answers", "text-%s.json" % name, text)
write("answers", "bom.json", "\ufeff" + good)  # accepted: a BOM is stripped
write("answers", "images-1000-bad.json", answer(output={"images": [{"filename": "a%d.png" % i, "type": "base64",
                                                                      "data": "QUJD"} for i in range(1000)]}))
write("answers", "images-dup-keys.json", '{"id": "j", "status": "COMPLETED", "output": {"images": [{"data": "%s", '
      '"data": "@@"}]}}' % b64)
write("answers", "type-url-but-base64.json", answer(output={"images": [{"filename": "a.png", "type": "s3_url",
                                                                          "data": b64}]}))
write("answers", "type-base64-but-url.json", answer(output={"images": [{"filename": "a.png", "type": "base64",
                                                                          "data": "https://example.com/a.png"}]}))
write("answers", "legacy-message-garbage.json", answer(output={"message": "@@not base64@@"}))
write("answers", "legacy-error-nested.json", answer(output={"status": "error", "message": {"x": 1},
                                                              "details": [{"a": 1}]}))

# ---- pictures ----------------------------------------------------------------------------------------------


def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)


sig = b"\x89PNG\r\n\x1a\n"
for cut in [8, 12, 20, 33, 40, 100, len(png) // 2, len(png) - 12, len(png) - 1]:
    write("pictures", "png-cut-%d.png" % cut, png[:cut])
for name, ihdr in [("huge", struct.pack(">IIBBBBB", 2 ** 31 - 1, 2 ** 31 - 1, 8, 2, 0, 0, 0)),
                   ("zero", struct.pack(">IIBBBBB", 0, 0, 8, 2, 0, 0, 0)),
                   ("short", b"\x00\x00"), ("depth-99", struct.pack(">IIBBBBB", 4, 4, 99, 2, 0, 0, 0))]:
    write("pictures", "png-ihdr-%s.png" % name, sig + chunk(b"IHDR", ihdr) + chunk(b"IEND", b""))
idat = png[png.index(b"IDAT") - 4:]
for name, text in [("bad-utf8", chunk(b"tEXt", b"prompt\x00\xff\xfe{")),
                   ("no-key", chunk(b"tEXt", b"\x00value")),
                   ("prompt-not-json", chunk(b"tEXt", b"prompt\x00{not json")),
                   ("prompt-array", chunk(b"tEXt", b"prompt\x00[1,2]")),
                   ("workflow-garbage", chunk(b"tEXt", b"workflow\x00" + b"\x01" * 50)),
                   ("ztxt-bad", chunk(b"zTXt", b"prompt\x00\x00" + b"not deflate")),
                   ("ztxt-bomb", chunk(b"zTXt", b"prompt\x00\x00" + zlib.compress(b" " * 50_000_000, 9))),
                   ("itxt-bad", chunk(b"iTXt", b"prompt\x00\x01\x00\x00\x00garbage")),
                   ("parameters-odd", chunk(b"tEXt", b"parameters\x00Steps: x, Seed: -, Size: axb")),
                   ("easel-garbage", chunk(b"tEXt", b"easel\x00{\"job_id\": 5, \"created\": \"yesterday\"}")),
                   ("chunk-length-lies", struct.pack(">I", 2 ** 31 - 1) + b"tEXt" + b"x" * 10),
                   ("bad-crc", struct.pack(">I", 4) + b"tEXt" + b"a\x00bc" + b"\x00\x00\x00\x00")]:
    write("pictures", "png-text-%s.png" % name, png[:33] + text + idat)
jpg = open("src/test/resources/bad-source.jpg", "rb").read() if os.path.exists(
    "src/test/resources/bad-source.jpg") else None
if jpg is None:
    raise SystemExit("needs src/test/resources/bad-source.jpg (a small JPEG with an EXIF UserComment)")
for cut in [2, 4, 10, 30, len(jpg) // 2, len(jpg) - 2]:
    write("pictures", "jpeg-cut-%d.jpg" % cut, jpg[:cut])
for i in range(20):
    b = bytearray(jpg)
    at = rnd.randrange(6, min(len(b), 200))
    b[at] = rnd.choice([0x00, 0x80, 0xFF, 0x7F])
    write("pictures", "jpeg-exif-flip-%02d.jpg" % i, bytes(b))
write("pictures", "jpeg-app1-length-lies.jpg", jpg[:4] + b"\xff\xff" + jpg[6:])
write("pictures", "jpeg-no-eoi.jpg", jpg[:-2])
webp_payload = b"VP8L" + struct.pack("<I", 5) + b"\x2f\x00\x00\x00\x00\x00"
exif = b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x01\x87\x69\x00\x04\x00\x00\x00\x01\xff\xff\xff\xf0"
for name, body in [("riff-length-lies", b"RIFF" + struct.pack("<I", 2 ** 31) + b"WEBP" + webp_payload),
                   ("cut", b"RIFF\x10\x00\x00\x00WEBPVP8"),
                   ("exif-bad-offset", b"RIFF" + struct.pack("<I", 100) + b"WEBP" + webp_payload + b"EXIF"
                    + struct.pack("<I", len(exif)) + exif),
                   ("exif-length-lies", b"RIFF" + struct.pack("<I", 100) + b"WEBP" + b"EXIF"
                    + struct.pack("<I", 2 ** 31 - 1) + exif),
                   ("empty-chunks", b"RIFF\x04\x00\x00\x00WEBP")]:
    write("pictures", "webp-%s.webp" % name, body)
for name, data in [("empty", b""), ("one-byte", b"\x89"), ("text", b"hello"), ("gif", b"GIF89a" + b"\x00" * 20),
                   ("png-named-jpg", png)]:
    write("pictures", "other-%s.%s" % (name, "jpg" if "jpg" in name else "png"), data)

# ---- settings ----------------------------------------------------------------------------------------------
settings = {"schemaVersion": 1, "profiles": [{"id": "demo", "name": "Demo endpoint", "endpointId": "demo",
                                              "baseUrl": "", "pricePerSecond": 0.00044, "models": [],
                                              "defaultTemplate": "flux1-dev-fp8", "demo": True}],
            "activeProfileId": "demo", "outputDir": None, "theme": "system", "recentPrompts": []}
s_text = json.dumps(settings)
for cut in sorted(rnd.sample(range(1, len(s_text) - 1), 8)):
    write("settings", "cut-at-%d.json" % cut, s_text[:cut])
for name, change in [("profiles-object", {"profiles": {}}), ("profiles-empty", {"profiles": []}),
                     ("profiles-null", {"profiles": None}), ("profile-number", {"profiles": [5]}),
                     ("schema-future", {"schemaVersion": 99}), ("schema-string", {"schemaVersion": "one"}),
                     ("active-missing", {"activeProfileId": "nope"}), ("recent-object", {"recentPrompts": {}}),
                     ("recent-numbers", {"recentPrompts": [1, 2]}), ("confirm-negative", {"confirmJobsOver": -5}),
                     ("confirm-string", {"confirmJobsOver": "many"}), ("output-number", {"outputDir": 5}),
                     ("price-string", {"profiles": [dict(settings["profiles"][0], pricePerSecond="cheap")]}),
                     ("id-null", {"profiles": [dict(settings["profiles"][0], id=None)]})]:
    s = dict(settings)
    s.update(change)
    write("settings", "field-%s.json" % name, json.dumps(s))
for name, text in [("empty", ""), ("null", "null"), ("array", "[]"), ("binary", bytes(range(256))),
                   ("bom", "\ufeff" + s_text), ("utf16", s_text.encode("utf-16")), ("html", "<html/>")]:
    write("settings", "text-%s.json" % name, text)

print(counts, sum(counts.values()))
