#!/usr/bin/env python3
# Vendored for the tests from shared/tools/gen-archive.py, unchanged below this line, so that
# the tests run on a fresh clone; refresh it from there when the generator changes.
"""Generates a deterministic synthetic archive of saved MSE GetGatewayRouteDetail and VPN
DescribeVcoRouteEntries responses, for tests and benchmarks (Python 3 standard library only).

Examples:
  gen-archive.py --jsonl archive.jsonl --bytes 100e6               # ~100 MB JSON Lines, mixed APIs
  gen-archive.py --jsonl archive.jsonl.gz --gzip --bytes 1e9 --snapshots 5
  gen-archive.py --out-dir archive --gateways 3 --connections 2 --variants doc,wrapped,xml
  gen-archive.py --out-dir archive --variants doc                  # only the documented layout

Layout: --out-dir DIR writes one pretty-printed file per response,
  DIR/mse/<GatewayUniqueId>/route-<Id>.json  (route-<Id>-s<k>.json with --snapshots > 1)
  DIR/vpn/<VpnConnectionId>/page-<n>.json    (custom entries; bgp entries: page-bgp-<n>.json)
and .xml for XML responses, .gz appended with --gzip. --jsonl FILE writes one compact response per
line (APIs mixed, shuffled deterministically); with --gzip the stream is gzip-compressed.

Shape variants (--variants, comma list). With 'doc' in the list the others are mixed in at low rates;
without it, each listed variant applies to every response it can apply to:
  doc           field layout of the documented examples: flat lists
  wrapped       RPC-style list wrapping: {"VcoRouteEntries": {"VcoRouteEntrie": [...]}},
                {"NextHopTunnelIdList": {"NextHopTunnelId": [...]}}, {"VpnRouteCounts": {"VpnRouteCount": [...]}}
  strnum        numbers written as strings ("Id": "1050", "Percent": "80")
  xml           Format=XML responses, list items as child elements or as the repeated field
                (out-dir mode only; ignored in JSON Lines)
  error         error responses mixed in (no route data)
  missing-page  one page of a paginated connection left out ('gap' is accepted as an alias)

Canonical model (shared/DESIGN.md): nodes gateway:, route:, service:,
domain: (lower case), ipsec:, tunnel:, cidr:; edges HAS_ROUTE, ROUTES_TO, DEFAULTS_TO, FALLS_BACK_TO,
MIRRORS_TO (FlowMirror on), SERVES, HAS_TUNNEL, ROUTES (keyed by RouteEntryType|NextHop), NEXT_HOP_FOR
(same key). Identical edges count once.

One line of JSON goes to stderr:
  written           files/lines, bytes (uncompressed), compressedBytes, errors, xmlFiles, droppedPages
  expected          the graph a full converter must build (shared/DESIGN.md: every shape, latest
                    snapshot of each route only)
  expectedByReferenceScript  what peer_convert.py beside this file builds: JSON only (XML skipped),
                    every snapshot unioned
"""
import argparse, datetime as dt, gzip, io, ipaddress, json, os, random, sys
from xml.sax.saxutils import escape

STATUS = [0, 2, 3, 3, 3, 3, 4, 5, 6]
NAMES_ZH = ["订单服务", "支付网关", "用户中心", "库存服务", "消息推送", "风控引擎", "商品目录", "物流跟踪"]
NAMES_EN = ["orders", "payments", "users", "inventory", "notify", "risk", "catalog", "shipping", "search", "auth"]
DESC_ZH = ["订单查询路由", "支付回调入口", "灰度发布路由", "用户中心 API", "内部管理后台"]
PROTO = ["HTTP", "DUBBO", "GRPC", "HTTP", "HTTP"]
SOURCES = ["MSE", "K8S", "NACOS", "VIP", "DNS"]
TLDS = ["com", "cn", "io", "com.cn"]
CST = dt.timezone(dt.timedelta(hours=8))
SHARED_CIDRS = ["192.168.0.0/16", "172.16.0.0/12", "10.255.0.0/16", "100.64.0.0/10"] + \
               [f"172.{16 + i}.{(i * 37) % 256}.0/24" for i in range(16)] + [f"192.168.{i}.0/24" for i in range(12)]


class Expect:
    """Edges by identity (source, target, kind, key) -> origins; nodes are the edges' endpoints."""

    def __init__(self):
        self.kinds = {}
        self.edges = {}

    def edge(self, s, t, kind, key="", origin=("json", True)):
        self.kinds[s] = s.split(":", 1)[0]
        self.kinds[t] = t.split(":", 1)[0]
        self.edges.setdefault((s, t, kind, key), set()).add(origin)

    def view(self, defaults=True, json_only=False, all_snapshots=False):
        nodes, by_node, by_edge, n_edges = set(), {}, {}, 0
        for (s, t, kind, _), origins in self.edges.items():
            if not defaults and kind == "DEFAULTS_TO":
                continue
            ok = [o for o in origins if (not json_only or o[0] == "json") and (all_snapshots or o[1])]
            if not ok:
                continue
            n_edges += 1
            by_edge[kind] = by_edge.get(kind, 0) + 1
            nodes.update((s, t))
        for n in nodes:
            by_node[self.kinds[n]] = by_node.get(self.kinds[n], 0) + 1
        return {"nodes": {"total": len(nodes), "byKind": dict(sorted(by_node.items()))},
                "edges": {"total": n_edges, "byKind": dict(sorted(by_edge.items()))}}


def rid(rng, n=24):
    return "".join(rng.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(n))


def reqid(rng):
    h = "%032X" % rng.getrandbits(128)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def make_domains(rng, n):
    out, seen = [], set()
    for d in range(n):
        name = f"{rng.choice(NAMES_EN)}{d}.example.{rng.choice(TLDS)}"
        if rng.random() < 0.1:
            name = name.upper() if rng.random() < 0.5 else name.capitalize()   # domain ids are lower-cased
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        out.append((500 + d, name))
    return out


def make_gateway(rng, g, services):
    guid = "gw-" + "%032x" % rng.getrandbits(128)
    pool = []
    for s in range(services):
        name = rng.choice(NAMES_EN) + "-" + str(s) if rng.random() < 0.7 else rng.choice(NAMES_ZH) + str(s)
        pool.append({"ServiceId": 100 + g * 1000 + s, "ServiceName": name, "Name": name,
                     "SourceType": rng.choice(SOURCES), "Namespace": rng.choice(["default", "prod", "staging", "命名空间-a"]),
                     "GroupName": rng.choice(["DEFAULT_GROUP", "api", "core"]),
                     "AgreementType": rng.choice(PROTO), "ServicePort": rng.choice([80, 8080, 20880, 9090, 443]),
                     "HealthStatus": rng.choice(["Health", "Health", "Health", "Unhealthy", "Checking", "Unknown"])})
    # a few hot services carry most routes, as real gateways do
    weights = [8 if s < max(1, services // 5) else 1 for s in range(services)]
    return {"uid": guid, "gid": g + 1, "services": pool, "weights": weights}


def make_connection(rng):
    vco = "vco-" + rid(rng, 21)
    dual = rng.random() < 0.6
    tunnels = ["tun-" + rid(rng, 20) for _ in range(2 if dual else 0)]
    return {"id": vco, "dual": dual, "tunnels": tunnels, "peer": f"169.254.{rng.randint(0, 255)}.{rng.randint(1, 254)}"}


def gen_route(rng, domains, gw, route_id, modified_s):
    services = gw["services"]
    k = rng.choice([1, 1, 1, 2, 2, 3])
    chosen = []
    while len(chosen) < min(k, len(services)):
        s = rng.choices(services, gw["weights"])[0]
        if s not in chosen:
            chosen.append(s)
    splits = [100] if len(chosen) == 1 else rng.choice([[50, 50], [80, 20], [90, 10]]) if len(chosen) == 2 else [60, 30, 10]
    route_services = []
    for svc, pct in zip(chosen, splits):
        rs = dict(svc)
        rs["Percent"] = pct
        rs["Version"] = rng.choice(["v1", "v2", ""])
        rs["UnhealthyEndpoints"] = [f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"] if svc["HealthStatus"] == "Unhealthy" else []
        if svc["AgreementType"] == "DUBBO":
            rs["HttpDubboTranscoder"] = {"DubboServiceName": "com.example." + svc["Name"].replace("-", ".") + ".Api",
                                         "DubboServiceVersion": "1.0.0", "DubboServiceGroup": "g1",
                                         "MothedMapList": [{"DubboMothedName": "get", "HttpMothed": "ALL_GET", "Mothedpath": "/api/get",
                                                            "PassThroughAllHeaders": "PASS_NOT", "PassThroughList": [],
                                                            "ParamMapsList": [{"ExtractKeySpec": "ALL_QUERY_PARAMETER", "ExtractKey": "id", "MappingType": "java.lang.Long"}]}]}
        route_services.append(rs)
    doms = rng.sample(domains, min(len(domains), rng.choice([1, 1, 2, 3])))
    fb = rng.choices(services, gw["weights"])[0] if rng.random() < 0.25 else None
    mirror_on = rng.random() < 0.15
    mirror = rng.choice(services)
    default_svc = rng.choice(services) if rng.random() < 0.5 else None
    name = f"{rng.choice(NAMES_EN)}-route-{route_id}" if rng.random() < 0.8 else f"{rng.choice(NAMES_ZH)}路由{route_id}"
    created = modified_s - rng.randint(0, 400 * 86400)
    policies = {"CORS": json.dumps({"allowMethods": "GET,POST", "allowHeaders": "*", "status": "off"}),
                "Timeout": json.dumps({"unitNum": rng.choice([5, 10, 30]), "timeUnit": "s", "status": rng.choice(["on", "off"])}),
                "Retry": json.dumps({"attempts": rng.randint(1, 3), "retryOn": ["5xx"], "status": "off"}),
                "Waf": json.dumps({"enabled": False})}
    data = {
        "Id": route_id, "Name": name, "GatewayUniqueId": gw["uid"], "GatewayId": gw["gid"],
        "DefaultServiceId": default_svc["ServiceId"] if default_svc else 0,
        "DefaultServiceName": default_svc["Name"] if default_svc else "",
        "Status": rng.choice(STATUS),
        "GmtCreate": dt.datetime.fromtimestamp(created, CST).strftime("%Y-%m-%d %H:%M:%S"),
        "GmtModified": dt.datetime.fromtimestamp(modified_s, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000+0000"),
        "RouteOrder": rng.randint(1, 100), "Predicates": "{}",
        "RoutePredicates": {"PathPredicates": {"Path": "/" + rng.choice(NAMES_EN) + "/" + str(route_id), "Type": rng.choice(["PRE", "EQUAL", "ERGULAR"]), "IgnoreCase": rng.random() < 0.5},
                            "MethodPredicates": rng.sample(["GET", "POST", "PUT", "DELETE"], rng.randint(0, 3)),
                            "HeaderPredicates": [{"Key": "x-env", "Value": rng.choice(["gray", "blue", "灰度"]), "Type": "EQUAL"}] if rng.random() < 0.3 else [],
                            "QueryPredicates": [{"Key": "userid", "Value": str(rng.randint(1, 99)), "Type": "PRE"}] if rng.random() < 0.2 else []},
        "DomainId": doms[0][0], "DomainName": doms[0][1],
        "Services": json.dumps([{"ServiceId": s["ServiceId"], "Percent": s["Percent"]} for s in route_services]),
        "RouteServices": route_services,
        "HTTPRewrite": {"Status": "off", "PathType": "PRE", "Pattern": "/", "Substitution": "/"},
        "HeaderOp": {"Status": "off", "HeaderOpItems": []},
        "DestinationType": "Single" if len(chosen) == 1 else "Multiple",
        "DirectResponse": {"Code": 200, "Body": "{}"},
        "Cors": {"Status": "off", "AllowOrigins": "*", "AllowMethods": "GET,POST", "AllowHeaders": "*", "ExposeHeaders": "*", "TimeUnit": "h", "UnitNum": 24, "AllowCredentials": True},
        "Timeout": {"UnitNum": 10, "TimeUnit": "s", "Status": "off"},
        "Retry": {"Attempts": 1, "RetryOn": ["5xx"], "HttpCodes": ["500"], "Status": "off"},
        "DomainIdList": [d[0] for d in doms], "DomainNameList": [d[1] for d in doms],
        "Redirect": {"Code": 301, "Host": "", "Path": ""},
        "FlowMirror": {"TargetServiceId": mirror["ServiceId"], "TargetServiceName": mirror["Name"], "Port": mirror["ServicePort"],
                       "Percentage": rng.choice([10, 50, 100]), "Status": "on" if mirror_on else "off"},
        "EnableWaf": rng.random() < 0.3, "AhasStatus": rng.choice([0, 1]), "Fallback": fb is not None,
        "FallbackServices": [dict({k2: fb[k2] for k2 in ("ServiceId", "ServiceName", "Name", "SourceType", "Namespace", "GroupName", "AgreementType", "ServicePort")}, Percent=100, Version="v1")] if fb else [],
        "Policies": json.dumps(policies), "Description": rng.choice(["", "a route for " + name, "路由描述:" + name, rng.choice(DESC_ZH)]),
    }
    return {"RequestId": reqid(rng), "HttpStatusCode": 200, "Message": "", "Code": 200, "Success": True, "Data": data}


def strnum(resp):
    d = resp["Data"]
    d["Id"] = str(d["Id"])
    for s in d["RouteServices"]:
        s["Percent"] = str(s["Percent"])
        s["ServiceId"] = str(s["ServiceId"])
    return resp


def gen_entries(rng, conn, index, n, kind, created_ms):
    """n distinct route entries of one RouteEntryType for one connection."""
    out, seen = [], set()
    while len(out) < n:
        x = rng.random()
        if x < 0.03:
            dest = str(ipaddress.IPv6Network((0x24084000 << 96 | (index & 0xffff) << 80 | rng.getrandbits(16) << 64, 64)))
        elif x < 0.18:
            dest = rng.choice(SHARED_CIDRS)       # on-premises ranges that several connections route
        elif x < 0.22:
            dest = f"10.{200 + index % 50}.{rng.randint(0, 255)}.{rng.randint(1, 254)}/32"
        else:
            m = (index * 4099 + rng.getrandbits(16)) & 0xffff
            dest = f"10.{m >> 8}.{m & 255}.0/24"
        if dest in seen:
            continue
        seen.add(dest)
        if kind == "custom":
            e = {"VpnConnectionId": conn["id"], "RouteDest": dest, "NextHop": conn["id"], "Weight": rng.choice([0, 100]),
                 "State": "published", "RouteEntryType": "custom", "CreateTime": created_ms + len(out) * 1000 + rng.randint(0, 999),
                 "AsPath": "", "Community": "", "Source": "CLOUD"}
        else:
            src = "VPN_BGP" if rng.random() < 0.6 else "CLOUD"
            asn = [rng.choice([65001, 65002, 64512, 45104])] + ([rng.choice([12000, 4134, 37963])] if rng.random() < 0.5 else [])
            e = {"VpnConnectionId": conn["id"], "RouteDest": dest, "NextHop": conn["peer"] if src == "VPN_BGP" else conn["id"],
                 "Weight": 0, "State": "Active", "RouteEntryType": "bgp", "CreateTime": created_ms + len(out) * 1000 + rng.randint(0, 999),
                 "AsPath": "[" + ", ".join(map(str, asn)) + "]", "Community": rng.choice(["", "65535:65510", "65001:100"]), "Source": src}
        if conn["dual"]:
            # only tunnels whose phase-2 negotiation succeeded are listed
            e["NextHopTunnelIdList"] = list(conn["tunnels"]) if rng.random() < 0.95 else [rng.choice(conn["tunnels"])]
        out.append(e)
    return out


def gen_connection_pages(rng, conn, index, entries, page_size, drop_page, created_ms):
    """Pages of DescribeVcoRouteEntries for both entry types; returns [(name, response)]."""
    n_bgp = entries // 4 if rng.random() < 0.5 else 0
    series = {"custom": gen_entries(rng, conn, index, entries - n_bgp, "custom", created_ms)}
    if n_bgp:
        series["bgp"] = gen_entries(rng, conn, index, n_bgp, "bgp", created_ms)
    counts = {}
    for kind, items in series.items():
        for it in items:
            counts[(kind, it["Source"])] = counts.get((kind, it["Source"]), 0) + 1
    route_counts = [{"RouteEntryType": k, "RouteCount": c, "Source": s} for (k, s), c in sorted(counts.items())]
    pages, dropped = [], 0
    for kind, items in series.items():
        total = len(items)
        npages = max(1, (total + page_size - 1) // page_size)
        skip = rng.randrange(npages) if (npages > 1 and drop_page()) else None
        for p in range(npages):
            chunk = items[p * page_size:(p + 1) * page_size]
            if p == skip:
                dropped += 1
                continue
            resp = {"TotalCount": total, "PageNumber": p + 1, "PageSize": page_size, "VcoRouteEntries": chunk, "RequestId": reqid(rng)}
            if conn["dual"]:
                resp["VpnRouteCounts"] = route_counts
            name = f"page-{p + 1}" if kind == "custom" else f"page-bgp-{p + 1}"
            pages.append((name, resp, chunk))
    return pages, dropped


def record_vpn(exp, chunk, origin):
    for it in chunk:
        c, d = f"ipsec:{it['VpnConnectionId']}", "cidr:" + it["RouteDest"]
        key = f"{it['RouteEntryType']}|{it['NextHop']}"
        exp.edge(c, d, "ROUTES", key, origin=origin)
        for t in it.get("NextHopTunnelIdList", []):
            exp.edge(c, f"tunnel:{t}", "HAS_TUNNEL", origin=origin)
            exp.edge(f"tunnel:{t}", d, "NEXT_HOP_FOR", key, origin=origin)


def wrap(resp):
    """RPC-style list wrapping, as older JSON responses of the VPC API have it."""
    out = dict(resp)
    if isinstance(out.get("VcoRouteEntries"), list):
        out["VcoRouteEntries"] = {"VcoRouteEntrie": [dict(e, NextHopTunnelIdList={"NextHopTunnelId": e["NextHopTunnelIdList"]})
                                                     if "NextHopTunnelIdList" in e else e for e in out["VcoRouteEntries"]]}
    if isinstance(out.get("VpnRouteCounts"), list):
        out["VpnRouteCounts"] = {"VpnRouteCount": out["VpnRouteCounts"]}
    return out


XML_ITEMS = {"VcoRouteEntries": "VcoRouteEntrie", "NextHopTunnelIdList": "NextHopTunnelId", "VpnRouteCounts": "VpnRouteCount",
             "RouteServices": "RouteService", "FallbackServices": "FallbackService", "DomainIdList": "DomainId",
             "DomainNameList": "DomainName", "MethodPredicates": "MethodPredicate", "HeaderPredicates": "HeaderPredicate",
             "QueryPredicates": "QueryPredicate", "UnhealthyEndpoints": "UnhealthyEndpoint", "RetryOn": "RetryOn",
             "HttpCodes": "HttpCode", "HeaderOpItems": "HeaderOpItem", "MothedMapList": "MothedMap",
             "PassThroughList": "PassThrough", "ParamMapsList": "ParamMap"}


def to_xml(root, obj, repeated):
    """Format=XML body. repeated=False: <List><Item>..</Item></List>; True: <List>..</List> once per item."""
    buf = io.StringIO()
    buf.write('<?xml version="1.0" encoding="UTF-8"?>\n')

    def emit(tag, v):
        if isinstance(v, dict):
            buf.write(f"<{tag}>")
            for k, x in v.items():
                emit(k, x)
            buf.write(f"</{tag}>")
        elif isinstance(v, list):
            if repeated:
                for x in v:
                    emit(tag, x)
            else:
                buf.write(f"<{tag}>")
                for x in v:
                    emit(XML_ITEMS.get(tag, tag), x)
                buf.write(f"</{tag}>")
        elif isinstance(v, bool):
            buf.write(f"<{tag}>{'true' if v else 'false'}</{tag}>")
        else:
            buf.write(f"<{tag}>{escape(str(v))}</{tag}>")
    emit(root, obj)
    buf.write("\n")
    return buf.getvalue()


def error_response(rng, api):
    if api == "vpn":
        code, msg = rng.choice([("Forbidden", "User not authorized to operate on the specified resource."),
                                ("InvalidVpnConnectionInstanceId.NotFound", "The specified vpn connection instance id does not exist."),
                                ("Vco.StatusNotSupport", "The current VPN connection state does not support this operation.")])
        return {"RequestId": reqid(rng), "HostId": "vpc.aliyuncs.com", "Code": code, "Message": msg,
                "Recommend": "https://api.aliyun.com/troubleshoot?q=" + code}
    code, msg = rng.choice([(403, "You are not authorized to perform this operation:mse:GetGatewayRouteDetail"),
                            (404, "Not found:route"), (500, "Console error. Try again later:timeout")])
    return {"RequestId": reqid(rng), "HttpStatusCode": code, "Code": code, "Success": False, "Message": msg,
            "ErrorCode": {403: "NoPermission", 404: "NotFound", 500: "InternalError"}[code]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gateways", type=int, default=4)
    ap.add_argument("--services-per-gateway", type=int, default=12)
    ap.add_argument("--routes-per-gateway", type=int, default=20)
    ap.add_argument("--domains", type=int, default=10, help="global domain pool, shared by gateways")
    ap.add_argument("--connections", type=int, default=3)
    ap.add_argument("--entries-per-connection", type=int, default=25)
    ap.add_argument("--page-size", type=int, default=10, help="1..50, as the API allows")
    ap.add_argument("--snapshots", type=int, default=1, help="times each route is saved (later GmtModified each time)")
    ap.add_argument("--variants", default="doc,wrapped,strnum,xml,error,missing-page")
    ap.add_argument("--bytes", type=float, default=0, help="grow gateways and connections until about this many bytes are written")
    ap.add_argument("--out-dir")
    ap.add_argument("--jsonl")
    ap.add_argument("--gzip", action="store_true")
    a = ap.parse_args()
    if bool(a.out_dir) == bool(a.jsonl):
        ap.error("give exactly one of --out-dir or --jsonl")
    if not 1 <= a.page_size <= 50:
        ap.error("--page-size must be 1..50")
    variants = set(v.strip() for v in a.variants.split(",") if v.strip())
    if "gap" in variants:
        variants = (variants - {"gap"}) | {"missing-page"}
    unknown = variants - {"doc", "wrapped", "strnum", "xml", "error", "missing-page"}
    if unknown:
        ap.error("unknown variants: " + ",".join(sorted(unknown)))
    mixed = "doc" in variants
    rate = lambda v, low: (low if mixed else 1.0) if v in variants else 0.0
    p_wrap, p_str, p_xml, p_err, p_drop = rate("wrapped", 0.2), rate("strnum", 0.1), rate("xml", 0.05), rate("error", 0.02), rate("missing-page", 0.2)
    if a.jsonl:
        p_xml = 0.0
    rng = random.Random(a.seed)
    exp = Expect()
    written = {"files": 0, "lines": 0, "bytes": 0, "compressedBytes": 0, "errors": 0, "xmlFiles": 0, "droppedPages": 0}
    sink = raw = None
    if a.jsonl:
        os.makedirs(os.path.dirname(os.path.abspath(a.jsonl)), exist_ok=True)
        raw = open(a.jsonl, "wb")
        sink = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) if a.gzip else raw

    def put(rel, resp, api):
        """Writes one response; returns (origin 'json' or 'xml', whether it carries data)."""
        if p_err and not mixed and rng.random() < p_err:
            resp = error_response(rng, api)
        use_xml = p_xml and rng.random() < p_xml
        # XML has its own two list styles (see to_xml); JSON wrapping applies to JSON bodies only
        if api == "vpn" and not use_xml and p_wrap and rng.random() < p_wrap:
            resp = wrap(resp)
        ok = "Code" not in resp or resp.get("Success") is True
        if not ok:
            written["errors"] += 1
        if sink:
            line = (json.dumps(resp, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
            sink.write(line)
            written["lines"] += 1
            written["bytes"] += len(line)
            return "json", ok, len(line)
        root = "GetGatewayRouteDetailResponse" if api == "mse" else "DescribeVcoRouteEntriesResponse"
        body = to_xml(root, resp, rng.random() < 0.5) if use_xml else json.dumps(resp, ensure_ascii=False, indent=2) + "\n"
        path = os.path.join(a.out_dir, rel + (".xml" if use_xml else ".json") + (".gz" if a.gzip else ""))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = body.encode()
        out = gzip.compress(data, mtime=0) if a.gzip else data
        with open(path, "wb") as f:
            f.write(out)
        written["files"] += 1
        written["xmlFiles"] += 1 if use_xml else 0
        written["bytes"] += len(data)
        written["compressedBytes"] += len(out)
        return ("xml" if use_xml else "json"), ok, len(data)

    # sizing: with --bytes, gateways and connections are added until ~85% of the bytes are routes and
    # ~15% VPN pages; the two APIs are interleaved (JSON Lines holds them mixed)
    if a.bytes:
        est_gw = max(1, int(a.bytes * 0.85 / 2600 / max(1, a.snapshots) / max(1, a.routes_per_gateway)))
        a.domains = max(a.domains, est_gw * 3)
    domains = make_domains(rng, a.domains)
    base = 1700000000
    world = {"gateways": 0, "connections": 0}
    size = {"mse": 0, "vpn": 0}

    def mse_units():
        g = 0
        while (g < a.gateways) if not a.bytes else (size["mse"] < a.bytes * 0.85):
            gw = make_gateway(rng, g, a.services_per_gateway)
            world["gateways"] += 1
            for r in range(a.routes_per_gateway):
                route_id = 1000 + r
                for snap in range(a.snapshots):
                    resp = gen_route(rng, domains, gw, route_id, base + snap * 86400 + r)
                    if p_str and rng.random() < p_str:
                        resp = strnum(resp)
                    rel = f"mse/{gw['uid']}/route-{route_id}" + (f"-s{snap}" if a.snapshots > 1 else "")
                    fmt, ok, n = put(rel, resp, "mse")
                    size["mse"] += n
                    if ok:
                        record_mse(exp, resp["Data"], (fmt, snap == a.snapshots - 1))
                    yield
            if p_err and mixed and rng.random() < p_err * a.routes_per_gateway:
                size["mse"] += put(f"mse/{gw['uid']}/error-{rng.randint(0, 10 ** 6)}", error_response(rng, "mse"), "err")[2]
            g += 1

    def vpn_units():
        c = 0
        while (c < a.connections) if not a.bytes else (size["vpn"] < a.bytes * 0.15):
            conn = make_connection(rng)
            world["connections"] += 1
            pages, dropped = gen_connection_pages(rng, conn, c, a.entries_per_connection, a.page_size,
                                                  lambda: p_drop and rng.random() < p_drop, base * 1000 + c * 3600000)
            written["droppedPages"] += dropped
            for name, resp, chunk in pages:
                fmt, ok, n = put(f"vpn/{conn['id']}/{name}", resp, "vpn")
                size["vpn"] += n
                if ok:
                    record_vpn(exp, chunk, (fmt, True))
                yield
            if p_err and mixed and rng.random() < p_err * len(pages):
                size["vpn"] += put(f"vpn/{conn['id']}/error-{rng.randint(0, 10 ** 6)}", error_response(rng, "vpn"), "err")[2]
            c += 1

    streams = [mse_units(), vpn_units()]
    while streams:
        s = streams[0] if len(streams) == 1 or rng.random() < 0.75 else streams[1]
        try:
            next(s)
        except StopIteration:
            streams.remove(s)
    if sink:
        sink.close()
        if raw is not sink:
            raw.close()
        written["compressedBytes"] = os.path.getsize(a.jsonl)
    if not a.gzip:
        written.pop("compressedBytes")
    full = exp.view()
    summary = {"written": written, "world": world,
               "expected": full,
               "expectedByReferenceScript": exp.view(json_only=True, all_snapshots=True)}
    print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)


def record_mse(exp, d, origin):
    """Expected edges of one MSE route response, read back from what was written."""
    u = d["GatewayUniqueId"]
    r = f"route:{u}:{d['Id']}"
    exp.edge(f"gateway:{u}", r, "HAS_ROUTE", origin=origin)
    for s in d["RouteServices"]:
        exp.edge(r, f"service:{u}:{s['ServiceId']}", "ROUTES_TO", origin=origin)
    if d["DefaultServiceId"]:
        exp.edge(r, f"service:{u}:{d['DefaultServiceId']}", "DEFAULTS_TO", origin=origin)
    for s in d["FallbackServices"]:
        exp.edge(r, f"service:{u}:{s['ServiceId']}", "FALLS_BACK_TO", origin=origin)
    if d["FlowMirror"]["Status"] == "on":
        exp.edge(r, f"service:{u}:{d['FlowMirror']['TargetServiceId']}", "MIRRORS_TO", origin=origin)
    for dn in set(d["DomainNameList"]) | {d["DomainName"]}:
        exp.edge(r, f"domain:{dn.lower()}", "SERVES", origin=origin)


if __name__ == "__main__":
    main()
