"""Side-by-side benchmark of a Trackline server and a real MLflow server over the REST API."""
