#!/usr/bin/env python3
"""Splits a JSON Lines archive into shards for the merge tests (Python 3 standard library only).

  shard-archive.py ARCHIVE --shards N --how lines|round-robin|snapshots --out DIR
      writes DIR/shard-<i>.jsonl; 'snapshots' puts the k-th saved snapshot of each route into shard
      k mod N, so every route's snapshots are read in different shards.
  shard-archive.py ARCHIVE --consistent OUT
      writes a copy where every reference to a service lists the same UnhealthyEndpoints, so the
      routes sharing a service agree on all its attributes.
  shard-archive.py DIR --consistent DIR
      the same for a directory archive of JSON files, rewritten in place.
  shard-archive.py ARCHIVE --disagreeing
      prints, as a JSON list, the service node ids whose references disagree on UnhealthyEndpoints
      (a reference without the field counts as one more value): the nodes where merge may differ
      from one conversion (docs/merge.md).
"""
import argparse, json, os


def records(lines):
    for line in lines:
        try:
            yield line, json.loads(line)
        except ValueError:
            yield line, None


def route_data(doc):
    data = doc.get("Data") if isinstance(doc, dict) else None
    return data if isinstance(data, dict) and "GatewayUniqueId" in data else None


def items(value, wrapper):
    """A list as written flat or wrapped ({"RouteService": [...]})."""
    if isinstance(value, dict):
        value = value.get(wrapper, [])
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return value if isinstance(value, list) else []


def references(data):
    """(service node id, UnhealthyEndpoints or None) for every service a route names with its
    attributes; a default service or mirror target is named by id and name only, gives no
    UnhealthyEndpoints, and is left out."""
    gw = data["GatewayUniqueId"]
    for key, wrapper in (("RouteServices", "RouteService"), ("FallbackServices", "FallbackService")):
        for item in items(data.get(key), wrapper):
            if isinstance(item, dict) and "ServiceId" in item:
                endpoints = item.get("UnhealthyEndpoints")
                listed = items(endpoints, "UnhealthyEndpoint") if endpoints is not None else None
                yield f"service:{gw}:{item['ServiceId']}", tuple(sorted(listed)) if listed else None


def make_consistent(data, unhealthy):
    """Every full reference to a service in `unhealthy` lists the same endpoints."""
    gw = data["GatewayUniqueId"]
    for key, wrapper in (("RouteServices", "RouteService"), ("FallbackServices", "FallbackService")):
        for item in items(data.get(key), wrapper):
            if isinstance(item, dict) and f"service:{gw}:{item.get('ServiceId')}" in unhealthy:
                fixed = [f"10.0.{int(item['ServiceId']) % 256}.1"]
                if isinstance(item.get("UnhealthyEndpoints"), dict):
                    item["UnhealthyEndpoints"] = {"UnhealthyEndpoint": fixed}
                else:
                    item["UnhealthyEndpoints"] = fixed


def consistent_directory(root):
    paths = sorted(os.path.join(d, name) for d, _, names in os.walk(root) for name in names if name.endswith(".json"))
    docs = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        if route_data(doc) is not None:
            docs[path] = doc
    unhealthy = set()
    for doc in docs.values():
        unhealthy.update(node for node, endpoints in references(route_data(doc)) if endpoints)
    for path, doc in docs.items():
        make_consistent(route_data(doc), unhealthy)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("archive")
    ap.add_argument("--shards", type=int)
    ap.add_argument("--how", choices=["lines", "round-robin", "snapshots"])
    ap.add_argument("--out")
    ap.add_argument("--consistent")
    ap.add_argument("--disagreeing", action="store_true")
    args = ap.parse_args()
    if os.path.isdir(args.archive):
        consistent_directory(args.archive)
        return
    with open(args.archive, encoding="utf-8") as f:
        lines = f.readlines()
    if args.consistent:
        unhealthy = set()
        for _, doc in records(lines):
            data = route_data(doc)
            if data is not None:
                unhealthy.update(node for node, endpoints in references(data) if endpoints)
        with open(args.consistent, "w", encoding="utf-8") as out:
            for line, doc in records(lines):
                data = route_data(doc)
                if data is None:
                    out.write(line)
                else:
                    make_consistent(data, unhealthy)
                    out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        return
    if args.disagreeing:
        seen = {}
        for _, doc in records(lines):
            data = route_data(doc)
            if data is not None:
                for node, endpoints in references(data):
                    seen.setdefault(node, set()).add(endpoints)
        print(json.dumps(sorted(node for node, values in seen.items() if len(values) > 1)))
        return
    n = args.shards
    shards = [[] for _ in range(n)]
    if args.how == "lines":
        size = (len(lines) + n - 1) // n
        for i in range(n):
            shards[i] = lines[i * size:(i + 1) * size]
    elif args.how == "round-robin":
        for i, line in enumerate(lines):
            shards[i % n].append(line)
    else:
        saved = {}
        for i, (line, doc) in enumerate(records(lines)):
            data = route_data(doc)
            if data is None:
                shards[i % n].append(line)
                continue
            key = (data["GatewayUniqueId"], str(data.get("Id")))
            k = saved.get(key, 0)
            saved[key] = k + 1
            shards[k % n].append(line)
    os.makedirs(args.out, exist_ok=True)
    for i, shard in enumerate(shards):
        with open(os.path.join(args.out, f"shard-{i}.jsonl"), "w", encoding="utf-8") as out:
            out.writelines(shard)


if __name__ == "__main__":
    main()
