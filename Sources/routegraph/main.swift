import RouteGraph
print("stub")
