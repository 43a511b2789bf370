#!/usr/bin/env python3
"""Regenerates Examples/shapes/ and Examples/bad/ from the two seed responses in Examples/responses/.

Run from the package root:  python3 Examples/generate.py
Python 3 standard library only; the output is deterministic (gzip mtime 0, fixed request ids).

Examples/responses/mse-route.json and vpn-routes.json are the seed pages' example responses, copied
by hand (see Examples/shapes/README.md); everything else is derived from them here, so that "the same
facts in another shape" holds by construction. Examples with facts of their own (pager, pagination gap,
empty wrapper) are written out literally below.
"""
import copy
import gzip
import importlib.util
import json
import os

ROOT = os.path.dirname(os.path.abspath(__file__))
SHAPES = os.path.join(ROOT, "shapes")
BAD = os.path.join(ROOT, "bad")

# XML bodies are written exactly as the archive generator writes them: its to_xml is used, not copied.
_spec = importlib.util.spec_from_file_location(
    "gen_archive", os.path.join(ROOT, "..", "Tests", "RouteGraphTests", "Fixtures", "gen-archive.py"))
_gen_archive = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_gen_archive)
to_xml = _gen_archive.to_xml


def load(name):
    with open(os.path.join(ROOT, "responses", name), encoding="utf-8") as f:
        return json.load(f)


def write_text(path, text, newline="\n", bom=False):
    data = text.replace("\n", newline).encode("utf-8")
    with open(path, "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + data)


def write_json(path, obj, **kw):
    write_text(path, json.dumps(obj, ensure_ascii=False, indent=2) + "\n", **kw)


def compact(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def strnum(v):
    """Every number and boolean written as a string, at every level (string values untouched)."""
    if isinstance(v, dict):
        return {k: strnum(x) for k, x in v.items()}
    if isinstance(v, list):
        return [strnum(x) for x in v]
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    return v


def camel(v):
    """Keys with a lower-case first letter at every level, as a serialised SDK model has them
    (fastjson-style: HTTPRewrite -> hTTPRewrite). String values, even JSON-in-a-string, are untouched."""
    if isinstance(v, dict):
        return {(k[:1].lower() + k[1:]): camel(x) for k, x in v.items()}
    if isinstance(v, list):
        return [camel(x) for x in v]
    return v


def wrap_vpn(resp, single=False):
    """RPC-style wrapped lists; single=True puts a one-item list in its wrapper as the bare item."""
    out = copy.deepcopy(resp)
    one = (lambda xs: xs[0] if single and len(xs) == 1 else xs)
    entries = []
    for e in out["VcoRouteEntries"]:
        if "NextHopTunnelIdList" in e:
            e["NextHopTunnelIdList"] = {"NextHopTunnelId": one(e["NextHopTunnelIdList"])}
        entries.append(e)
    out["VcoRouteEntries"] = {"VcoRouteEntrie": one(entries)}
    if "VpnRouteCounts" in out:
        out["VpnRouteCounts"] = {"VpnRouteCount": one(out["VpnRouteCounts"])}
    return out


def envelope(body, request_id, date):
    length = len(compact(body).encode("utf-8"))
    headers = {"date": date, "content-type": "application/json;charset=utf-8", "content-length": str(length),
               "connection": "keep-alive", "keep-alive": "timeout=25", "access-control-allow-origin": "*",
               "access-control-expose-headers": "*", "x-acs-request-id": request_id,
               "x-acs-trace-id": "5b6c2f0e9a1d4c7e8f3a2b1c0d9e8f7a"}
    return {"headers": headers, "statusCode": 200, "body": body}


MSE_ERROR = {"RequestId": "0C5E6A53-7F0B-5C1E-9A44-2D8E1B7F3A90", "HttpStatusCode": 404, "Code": 404,
             "Success": False, "Message": "Not found:route 1050", "ErrorCode": "NotFound"}
VPN_ERROR = {"RequestId": "7A3F1C2E-4B5D-3E6F-8A9B-0C1D2E3F4A5B", "HostId": "vpc.aliyuncs.com",
             "Code": "InvalidVpnConnectionInstanceId.NotFound",
             "Message": "The specified vpn connection instance id does not exist.",
             "Recommend": "https://api.aliyun.com/troubleshoot?q=InvalidVpnConnectionInstanceId.NotFound"}


def pager_facts():
    """A dual-tunnel connection of its own: 3 custom entries over 2 tunnels (aliyun --pager, PageSize 2)."""
    vco, t1, t2 = "vco-bp1k7x2m9q4n8r3s5t6u", "tun-bp1a4c6e8g0i2k4m6o8q", "tun-bp1b5d7f9h1j3l5n7p9r"

    def entry(dest, created, tunnels):
        return {"VpnConnectionId": vco, "RouteDest": dest, "NextHop": vco, "Weight": 100, "State": "published",
                "RouteEntryType": "custom", "CreateTime": created, "AsPath": "", "Community": "", "Source": "CLOUD",
                "NextHopTunnelIdList": tunnels}
    entries = [entry("10.10.0.0/16", 1700000000000, [t1, t2]),
               entry("192.168.10.0/24", 1700000001000, [t1]),
               entry("2408:4000:ABCD:0000::/48", 1700000002000, [t2])]
    return entries, [{"RouteEntryType": "custom", "RouteCount": 3, "Source": "CLOUD"}]


def gap_pages():
    """A single-tunnel connection with 25 custom entries, PageSize 10: pages 1 and 3 of 3."""
    vco = "vco-bp19gapq3w5e7r9t1y3u5"
    entries = [{"VpnConnectionId": vco, "RouteDest": f"10.30.{i}.0/24", "NextHop": vco, "Weight": 0,
                "State": "published", "RouteEntryType": "custom", "CreateTime": 1710000000000 + i * 1000,
                "AsPath": "", "Community": "", "Source": "CLOUD"} for i in range(25)]
    page1 = {"TotalCount": 25, "PageNumber": 1, "PageSize": 10, "VcoRouteEntries": entries[:10],
             "RequestId": "1B2C3D4E-5F60-4718-92A3-B4C5D6E7F801"}
    page3 = {"TotalCount": 25, "PageNumber": 3, "PageSize": 10, "VcoRouteEntries": entries[20:],
             "RequestId": "1B2C3D4E-5F60-4718-92A3-B4C5D6E7F803"}
    return page1, page3


def main():
    os.makedirs(SHAPES, exist_ok=True)
    os.makedirs(BAD, exist_ok=True)
    mse, vpn = load("mse-route.json"), load("vpn-routes.json")
    S = lambda n: os.path.join(SHAPES, n)
    B = lambda n: os.path.join(BAD, n)

    # --- GetGatewayRouteDetail: the seed's facts in other shapes
    write_json(S("mse-strnum.json"), strnum(mse))
    for name, label in (("zh", "未发布"), ("zh-hant", "未發布"), ("en", "Unpublished")):
        m = copy.deepcopy(mse)
        m["Data"]["Status"] = label
        write_json(S(f"mse-status-label-{name}.json"), m)
    write_json(S("mse-camelcase.json"), camel(mse))
    write_json(S("mse-envelope.json"), envelope(mse, mse["RequestId"], "Fri, 07 Jan 2022 10:08:03 GMT"))
    write_text(S("mse.xml"), to_xml("GetGatewayRouteDetailResponse", mse, repeated=False))
    write_text(S("mse-repeated.xml"), to_xml("GetGatewayRouteDetailResponse", mse, repeated=True))

    # an older API version: no RouteServices, FallbackServices, FlowMirror, DomainIdList, DomainNameList
    legacy = copy.deepcopy(mse)
    for k in ("RouteServices", "FallbackServices", "FlowMirror", "DomainIdList", "DomainNameList"):
        del legacy["Data"][k]
    services = [{"Percent": 80, "ServiceId": 782, "Version": "v1"}]
    legacy["Data"]["Services"] = json.dumps(services, separators=(",", ":"))
    write_json(S("mse-legacy-services.json"), legacy)
    # the same, with Services escaped twice as in the seed example
    legacy["Data"]["Services"] = json.dumps(services, separators=(",", ":")).replace('"', '\\"')
    write_json(S("mse-legacy-services-double.json"), legacy)

    # --- DescribeVcoRouteEntries: the seed's facts in other shapes
    write_json(S("vpn-wrapped.json"), wrap_vpn(vpn))
    write_json(S("vpn-wrapped-single.json"), wrap_vpn(vpn, single=True))
    write_json(S("vpn-strnum.json"), strnum(vpn))
    write_json(S("vpn-camelcase.json"), camel(vpn))
    write_json(S("vpn-envelope.json"), envelope(vpn, vpn["RequestId"], "Tue, 19 Jul 2022 08:02:11 GMT"))
    write_text(S("vpn.xml"), to_xml("DescribeVcoRouteEntriesResponse", vpn, repeated=False))
    write_text(S("vpn-repeated.xml"), to_xml("DescribeVcoRouteEntriesResponse", vpn, repeated=True))
    with open(os.path.join(ROOT, "responses", "vpn-routes.json"), "rb") as f:
        seed_bytes = f.read()
    with open(S("with-bom-crlf.json"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + seed_bytes.replace(b"\n", b"\r\n"))

    # --- facts of their own
    entries, counts = pager_facts()
    write_json(S("vpn-pager.json"), {"TotalCount": 3, "VcoRouteEntries": entries,
                                     "RequestId": "3E4F5A6B-7C8D-4E9F-A0B1-C2D3E4F5A6B7", "VpnRouteCounts": counts})
    # what aliyun-cli's pager really prints (openapi/pager.go GetResponseCollection): only the merged list
    write_text(S("vpn-pager-cli.json"), compact({"VcoRouteEntries": entries}) + "\n")
    page1, page3 = gap_pages()
    write_json(S("vpn-page-1.json"), page1)
    write_json(S("vpn-page-3.json"), page3)
    write_json(S("vpn-wrapped-empty.json"), {"TotalCount": 0, "PageNumber": 1, "PageSize": 10, "VcoRouteEntries": {},
                                             "RequestId": "9D8C7B6A-5F4E-4D3C-B2A1-0F9E8D7C6B5A",
                                             "VpnRouteCounts": ""})

    # --- JSON Lines archive (line 4 is cut short; lines 3 and 6 are error bodies)
    lines = [compact(mse), compact(wrap_vpn(vpn)), compact(MSE_ERROR),
             '{"TotalCount":1,"PageNumber":1,"PageSize":10,"VcoRouteEntries":[{"VpnConnectionId":"vco-p0w2',
             compact(strnum(mse)), compact(VPN_ERROR)]
    archive = ("\n".join(lines) + "\n").encode("utf-8")
    with open(S("archive.jsonl"), "wb") as f:
        f.write(archive)
    with open(S("archive.jsonl.gz"), "wb") as f:
        f.write(gzip.compress(archive, mtime=0))

    # --- not responses
    write_json(B("error-mse.json"), MSE_ERROR)
    write_json(B("error-vpn.json"), VPN_ERROR)
    write_text(B("error.xml"),
               '<?xml version="1.0" encoding="UTF-8"?>\n'
               "<Error><RequestId>5E1F9C3A-2B7D-3F4E-9A8B-6C5D4E3F2A1B</RequestId><HostId>vpc.aliyuncs.com</HostId>"
               "<Code>Forbidden</Code><Message>User not authorized to operate on the specified resource.</Message>"
               "<Recommend><![CDATA[https://api.aliyun.com/troubleshoot?q=Forbidden&product=Vpc]]></Recommend></Error>\n")
    write_text(B("html-error.json"),
               '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html>\n<head><title>502 Bad Gateway</title></head>\n'
               "<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>Tengine</center>\n</body>\n</html>\n")
    write_text(B("empty.json"), "")
    with open(os.path.join(ROOT, "responses", "mse-route.json"), encoding="utf-8") as f:
        seed_text = f.read()
    cut = seed_text.index('"ServicePort": 20880')
    write_text(B("truncated.json"), seed_text[:cut])
    write_json(B("other-api.json"), {
        "TotalCount": 1, "PageSize": 10, "RequestId": "4C2B7E9A-1D3F-4A5B-8C6D-7E8F9A0B1C2D", "PageNumber": 1,
        "Vpcs": {"Vpc": [{"VpcId": "vpc-bp1qpo0kug3a20qqe****", "RegionId": "cn-hangzhou", "Status": "Available",
                          "VpcName": "prod-vpc", "CidrBlock": "192.168.0.0/16", "Ipv6CidrBlock": "",
                          "VRouterId": "vrt-bp1jcg5cmxjbl9xgc****", "IsDefault": False,
                          "CreationTime": "2022-01-07T10:07:57Z", "Description": "",
                          "VSwitchIds": {"VSwitchId": ["vsw-bp1nhbnpv2blyz8dl****"]},
                          "ResourceGroupId": "rg-acfmxvfvazb4p****", "Tags": {"Tag": []}}]}})


if __name__ == "__main__":
    main()
