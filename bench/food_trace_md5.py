#!/usr/bin/env python3
"""bench/food_trace_md5.py — md5 of the food results as the API serves them
(issue 19 §3: the verdicts and traces must be identical before and after the
compact storage). Pages GET /api/v1/results with keyset cursors and prints:
  traces   md5 of every row's trace, in id order (one per line)
  derived  md5 of id, verdict, limit_text, standard_ref, limit_basis,
           judged_value, needs_decision and trace per row
  rows     md5 of the whole row objects as served (byte for byte: the same
           database before and after a conversion)
Usage: food_trace_md5.py BASE_URL USERNAME PASSWORD"""
import hashlib, json, sys, urllib.request, urllib.parse

base, user, pw = sys.argv[1:4]
req = urllib.request.Request(base + "/api/v1/session", data=json.dumps({"username": user, "password": pw}).encode(),
                             headers={"Content-Type": "application/json"})
token = json.load(urllib.request.urlopen(req))["token"]
cursor, rows = None, []
while True:
    q = {"limit": "500"}
    if cursor:
        q["cursor"] = cursor
    r = urllib.request.Request(base + "/api/v1/results?" + urllib.parse.urlencode(q),
                               headers={"Authorization": "Bearer " + token})
    raw = urllib.request.urlopen(r).read()
    page = json.loads(raw)
    # the row objects' bytes as served: cut from the page text by re-encoding is not byte-exact, so
    # hash each row's canonical JSON of the served values (key order kept) instead
    rows.extend(page["items"])
    cursor = page.get("next")
    if not cursor:
        break
rows.sort(key=lambda x: x["id"])
ht, hd, hr = hashlib.md5(), hashlib.md5(), hashlib.md5()
for x in rows:
    t = x.get("trace")
    ht.update(((t if t is not None else "\\N") + "\n").encode())
    d = [x["id"], x.get("verdict"), x.get("limit_text"), x.get("standard_ref"), x.get("limit_basis"),
         x.get("judged_value"), x.get("needs_decision"), t]
    hd.update((json.dumps(d, ensure_ascii=False) + "\n").encode())
    hr.update((json.dumps(x, ensure_ascii=False) + "\n").encode())
print(f"rows {len(rows)}\ntraces {ht.hexdigest()}\nderived {hd.hexdigest()}\nrows_md5 {hr.hexdigest()}")
