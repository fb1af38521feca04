"""The kg vocabulary (kg.ttl), its SHACL shapes and the gazetteer, shipped inside the package as `kg.ontology`."""
