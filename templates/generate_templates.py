#!/usr/bin/env python3
"""Writes the flow definitions of templates/ in the exact shape NiFi 2.8.0's "Download flow definition" produces.

Run from the repository root: python3 templates/generate_templates.py
Stock property defaults come from STOCK below (copied from a running NiFi 2.8.0's component definitions);
FlowDefinitionTemplatesTest checks the result against our components' real descriptors and relationships.
Identifiers are name-based UUIDs, so regenerating gives the same files.
"""
import json
import os
import uuid

MDM_BUNDLE = {"group": "io.nifimdm", "artifact": "nifi-mdm-nar", "version": "0.1.0-SNAPSHOT"}
STANDARD = {"group": "org.apache.nifi", "artifact": "nifi-standard-nar", "version": "2.8.0"}
RECORD_SERIALIZATION = {"group": "org.apache.nifi", "artifact": "nifi-record-serialization-services-nar",
                        "version": "2.8.0"}
STANDARD_SERVICES_API = {"group": "org.apache.nifi", "artifact": "nifi-standard-services-api-nar", "version": "2.8.0"}

# property name -> default (None = no default); names marked with a leading '*' identify a controller service
STOCK = {
    "org.apache.nifi.processors.standard.ListFile": [
        ("Input Directory", None), ("Listing Strategy", "timestamps"), ("Recurse Subdirectories", "true"),
        ("*Record Writer", None), ("Input Directory Location", "Local"), ("File Filter", "[^\\.].*"),
        ("Path Filter", None), ("Include File Attributes", "true"), ("Minimum File Age", "0 sec"),
        ("Maximum File Age", None), ("Minimum File Size", "0 B"), ("Maximum File Size", None),
        ("Ignore Hidden Files", "true"), ("Target System Timestamp Precision", "auto-detect"),
        ("*Entity Tracking State Cache", None), ("Entity Tracking Time Window", "3 hours"),
        ("Entity Tracking Initial Listing Target", "all"), ("Entity Tracking Node Identifier", "${hostname()}"),
        ("Track Performance", "false"), ("Maximum Number of Files to Track", "100000"),
        ("Max Disk Operation Time", "10 secs"), ("Max Directory Listing Time", "3 mins")],
    "org.apache.nifi.processors.standard.FetchFile": [
        ("File to Fetch", "${absolute.path}/${filename}"), ("Completion Strategy", "None"),
        ("Move Destination Directory", None), ("Move Conflict Strategy", "Rename"),
        ("File not Found Log Level", "ERROR"), ("Permission Denied Log Level", "ERROR")],
    "org.apache.nifi.processors.standard.PutFile": [
        ("Directory", None), ("Conflict Resolution Strategy", "fail"), ("Create Missing Directories", "true"),
        ("Maximum File Count", None), ("Last Modified Time", None), ("Permissions", None), ("Owner", None),
        ("Group", None)],
    "org.apache.nifi.processors.standard.LogAttribute": [
        ("Log Level", "info"), ("Log Payload", "false"), ("Attributes to Log", None),
        ("Attributes to Log Regular Expression", ".*"), ("Attributes to Ignore", None),
        ("Attributes to Ignore Regular Expression", None), ("Log FlowFile Properties", "true"),
        ("Output Format", "Line per Attribute"), ("Log Prefix", None), ("Character Set", "UTF-8")],
    "org.apache.nifi.processors.standard.GenerateFlowFile": [
        ("File Size", "0B"), ("Batch Size", "1"), ("Data Format", "Text"), ("Unique FlowFiles", "false"),
        ("Custom Text", None), ("Character Set", "UTF-8"), ("Mime Type", None)],
    "org.apache.nifi.processors.standard.RouteOnAttribute": [
        ("Routing Strategy", "Route to Property name")],
    "org.apache.nifi.csv.CSVRecordSetWriter": [
        ("Schema Write Strategy", "no-schema"), ("*Schema Cache", None), ("*Schema Reference Writer", None),
        ("Schema Access Strategy", "inherit-record-schema"), ("*Schema Registry", None),
        ("Schema Name", "${schema.name}"), ("Schema Version", None), ("Schema Branch", None),
        ("Schema Text", "${avro.schema}"), ("*Schema Reference Reader", None), ("Date Format", None),
        ("Time Format", None), ("Timestamp Format", None), ("CSV Format", "custom"), ("CSV Writer", "commons-csv"),
        ("Value Separator", ","), ("Include Header Line", "true"), ("Quote Character", "\""),
        ("Escape Character", "\\"), ("Comment Marker", None), ("Null String", None), ("Trim Fields", "true"),
        ("Quote Mode", "MINIMAL"), ("Record Separator", "\\n"), ("Include Trailing Delimiter", "false"),
        ("Character Set", "UTF-8")],
}

# Our components' descriptors (name, default, identifies a service, sensitive), in the order the classes declare
# them, so the files list every property as NiFi's export does. FlowDefinitionTemplatesTest fails when they drift.
OUR_DESCRIPTORS = {
    "io.nifimdm.nifi.processors.RegisterDataset": [
        ("Dataset Store", None, True, False),
        ("Record Reader", None, True, False),
        ("Input Format", "Auto-detect", False, False),
        ("Dataset Name", "${mdm.dataset.name}", False, False),
        ("Table Name", None, False, False),
        ("Registration Mode", "Create", False, False),
        ("Target Column", None, False, False),
        ("ID Columns", None, False, False),
        ("Problem Type", "Detect", False, False),
        ("Categorical Columns", None, False, False),
        ("Datetime Columns", None, False, False),
        ("Numeric Columns", None, False, False),
        ("Text Columns", None, False, False),
        ("Description", None, False, False),
        ("Tags", None, False, False),
        ("Batch Size", "10000", False, False),
    ],
    "io.nifimdm.nifi.processors.GenerateFeatures": [
        ("Dataset Store", None, True, False),
        ("Dataset Name", "${mdm.dataset.name}", False, False),
        ("Table", "${mdm.table}", False, False),
        ("Fit Table", "train", False, False),
        ("Tables", None, False, False),
        ("Refit", "false", False, False),
        ("Statistical Features", "true", False, False),
        ("Categorical Features", "true", False, False),
        ("Temporal Features", "true", False, False),
        ("Text Features", "true", False, False),
        ("Missing Data Features", "true", False, False),
        ("Interaction Features", "true", False, False),
        ("Bins", "10", False, False),
        ("Bin Minimum Distinct Values", "10", False, False),
        ("Max One-Hot Cardinality", "50", False, False),
        ("Rare Category Threshold", "0.01", False, False),
        ("Missing Ratio Minimum", "0.01", False, False),
        ("Missing Ratio Maximum", "0.95", False, False),
        ("Max Interaction Pairs", "20", False, False),
        ("Interaction Minimum Correlation", "0.1", False, False),
        ("Interaction Maximum Correlation", "0.95", False, False),
        ("Squared Features", "false", False, False),
        ("Quarter Feature", "false", False, False),
        ("Cyclical Day Features", "false", False, False),
        ("Z-Score Outliers", "false", False, False),
        ("Z-Score Outlier Threshold", "3", False, False),
        ("Target Encoding", "false", False, False),
        ("Target Encoding Folds", "5", False, False),
        ("Drop All-Null Features", "true", False, False),
        ("Drop Constant Features", "true", False, False),
        ("Minimum Variance", "0", False, False),
        ("Maximum Feature Correlation", "0.95", False, False),
        ("Minimum Non-Zero Ratio", "0.01", False, False),
        ("Output Content", "Pass Through", False, False),
    ],
    "io.nifimdm.nifi.processors.QueryDataset": [
        ("Dataset Store", None, True, False),
        ("Dataset Name", "${mdm.dataset.name}", False, False),
        ("Table", "train", False, False),
        ("With Features", "false", False, False),
        ("Columns", None, False, False),
        ("Filters", None, False, False),
        ("Order By", None, False, False),
        ("Limit", None, False, False),
        ("Offset", None, False, False),
        ("Sample", None, False, False),
        ("Sample Seed", "42", False, False),
        ("Group By", None, False, False),
        ("Aggregations", None, False, False),
        ("SQL", None, False, False),
        ("Query Timeout", "5 min", False, False),
        ("Record Writer", None, True, False),
        ("Max Rows Per FlowFile", "0", False, False),
    ],
    "io.nifimdm.nifi.processors.ExportDataset": [
        ("Dataset Store", None, True, False),
        ("Dataset Name", "${mdm.dataset.name}", False, False),
        ("Tables", "All", False, False),
        ("Table Names", None, False, False),
        ("Format", "CSV", False, False),
        ("Compression", "none", False, False),
        ("Include Header", "true", False, False),
        ("CSV Delimiter", ",", False, False),
        ("Include Metadata", "true", False, False),
    ],
    "io.nifimdm.nifi.services.SQLiteDatasetStore": [
        ("Storage Directory", "./mdm-datasets", False, False),
        ("Max Connections", "8", False, False),
        ("Journal Mode", "WAL", False, False),
        ("Synchronous", "NORMAL", False, False),
        ("Cache Size", "2 MB", False, False),
        ("Memory-Mapped I/O Size", "256 MB", False, False),
        ("Busy Timeout", "30 sec", False, False),
    ],
    "io.nifimdm.nifi.services.PostgreSQLDatasetStore": [
        ("Database URL", None, False, False),
        ("Database User", None, False, False),
        ("Password", None, False, True),
        ("Schema Prefix", "mdm_", False, False),
        ("SSL Mode", "prefer", False, False),
        ("Max Connections", "8", False, False),
        ("Connect Timeout", "10 sec", False, False),
        ("Statement Timeout", "0 sec", False, False),
    ],
}

MDM_SERVICE_APIS = [
    {"type": "io.nifimdm.nifi.services.api.MdmDatasetStore", "bundle": MDM_BUNDLE},
    {"type": "org.apache.nifi.dbcp.DBCPService", "bundle": STANDARD_SERVICES_API},
]
RECORD_WRITER_APIS = [{"type": "org.apache.nifi.serialization.RecordSetWriterFactory",
                       "bundle": STANDARD_SERVICES_API}]


def descriptor(name, service=False, sensitive=False, dynamic=False):
    return {"name": name, "displayName": name, "identifiesControllerService": service, "sensitive": sensitive,
            "dynamic": dynamic}


class Flow:
    def __init__(self, file_name, group_name, comments):
        self.file_name = file_name
        self.name = group_name
        self.comments = comments
        self.group_id = self.uid("group")
        self.processors, self.connections, self.services, self.labels, self.funnels = [], [], [], [], []
        self.parameters = []
        self.by_name = {}

    def uid(self, name):
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "nifi-mdm/" + self.file_name + "/" + name))

    def instance_uid(self, name):
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "nifi-mdm-instance/" + self.file_name + "/" + name))

    def parameter(self, name, value, description, sensitive=False):
        self.parameters.append({"name": name, "description": description, "sensitive": sensitive,
                                "provided": False, "value": None if sensitive else value})

    def _properties(self, type_name, settings, service_properties=(), sensitive_properties=(), dynamic=()):
        properties, descriptors = {}, {}
        for entry in STOCK.get(type_name, []):
            service = entry[0].startswith("*")
            name = entry[0].lstrip("*")
            properties[name] = entry[1]
            descriptors[name] = descriptor(name, service=service)
        for name, default, service, sensitive in OUR_DESCRIPTORS.get(type_name, []):
            properties[name] = default
            descriptors[name] = descriptor(name, service=service, sensitive=sensitive)
        for name, value in settings.items():
            properties[name] = value
            if name not in descriptors:
                descriptors[name] = descriptor(name, service=name in service_properties,
                                               sensitive=name in sensitive_properties, dynamic=name in dynamic)
        return properties, descriptors

    def processor(self, name, type_name, bundle, x, y, settings, auto_terminated=(), service_properties=(),
                  dynamic=(), scheduling_period="0 sec", scheduling_strategy="TIMER_DRIVEN", run_duration=0,
                  comments=""):
        properties, descriptors = self._properties(type_name, settings, service_properties, (), dynamic)
        component = {
            "identifier": self.uid(name), "instanceIdentifier": self.instance_uid(name), "name": name,
            "comments": comments, "position": {"x": x, "y": y}, "type": type_name, "bundle": bundle,
            "properties": properties, "propertyDescriptors": descriptors, "style": {},
            "schedulingPeriod": scheduling_period, "schedulingStrategy": scheduling_strategy,
            "executionNode": "ALL", "penaltyDuration": "30 sec", "yieldDuration": "1 sec", "bulletinLevel": "WARN",
            "runDurationMillis": run_duration, "concurrentlySchedulableTaskCount": 1,
            "autoTerminatedRelationships": sorted(auto_terminated), "scheduledState": "ENABLED", "retryCount": 10,
            "retriedRelationships": [], "backoffMechanism": "PENALIZE_FLOWFILE", "maxBackoffPeriod": "10 mins",
            "componentType": "PROCESSOR", "groupIdentifier": self.group_id}
        self.processors.append(component)
        self.by_name[name] = ("PROCESSOR", component)
        return name

    def service(self, name, type_name, bundle, settings, apis, sensitive_properties=()):
        properties, descriptors = self._properties(type_name, settings, (), sensitive_properties)
        component = {
            "identifier": self.uid(name), "instanceIdentifier": self.instance_uid(name), "name": name,
            "comments": "", "type": type_name, "bundle": bundle, "properties": properties,
            "propertyDescriptors": descriptors, "controllerServiceApis": apis, "scheduledState": "DISABLED",
            "bulletinLevel": "WARN", "componentType": "CONTROLLER_SERVICE", "groupIdentifier": self.group_id}
        self.services.append(component)
        return component["identifier"]

    def funnel(self, name, x, y):
        component = {"identifier": self.uid(name), "instanceIdentifier": self.instance_uid(name),
                     "position": {"x": x, "y": y}, "componentType": "FUNNEL", "groupIdentifier": self.group_id}
        self.funnels.append(component)
        self.by_name[name] = ("FUNNEL", component)
        return name

    def label(self, name, text, x, y, width=360, height=80):
        self.labels.append({"identifier": self.uid("label/" + name), "instanceIdentifier": self.instance_uid(
            "label/" + name), "position": {"x": x, "y": y}, "label": text, "zIndex": 0, "width": width,
            "height": height, "style": {"font-size": "14px"}, "componentType": "LABEL",
            "groupIdentifier": self.group_id})

    def _end(self, name):
        kind, component = self.by_name[name]
        return {"id": component["identifier"], "type": kind, "groupId": self.group_id,
                "name": component.get("name", "Funnel"), "comments": component.get("comments", ""),
                "instanceIdentifier": component["instanceIdentifier"]}

    def connect(self, source, destination, relationships, object_threshold=10000, size_threshold="1 GB",
                bends=()):
        name = "connection/" + source + "/" + ",".join(relationships) + "/" + destination
        self.connections.append({
            "identifier": self.uid(name), "instanceIdentifier": self.instance_uid(name),
            "source": self._end(source), "destination": self._end(destination), "labelIndex": 1, "zIndex": 0,
            "selectedRelationships": list(relationships), "backPressureObjectThreshold": object_threshold,
            "backPressureDataSizeThreshold": size_threshold, "flowFileExpiration": "0 sec", "prioritizers": [],
            "bends": [{"x": b[0], "y": b[1]} for b in bends], "loadBalanceStrategy": "DO_NOT_LOAD_BALANCE",
            "loadBalanceCompression": "DO_NOT_COMPRESS", "componentType": "CONNECTION",
            "groupIdentifier": self.group_id})

    def write(self, directory):
        context_name = self.name + " parameters"
        snapshot = {
            "flowContents": {
                "identifier": self.group_id, "instanceIdentifier": self.instance_uid("group"), "name": self.name,
                "comments": self.comments, "position": {"x": 0, "y": 0}, "processGroups": [],
                "remoteProcessGroups": [], "processors": self.processors, "inputPorts": [], "outputPorts": [],
                "connections": self.connections, "labels": self.labels, "funnels": self.funnels,
                "controllerServices": self.services, "parameterContextName": context_name,
                "defaultFlowFileExpiration": "0 sec", "defaultBackPressureObjectThreshold": 10000,
                "defaultBackPressureDataSizeThreshold": "1 GB", "scheduledState": "ENABLED",
                "executionEngine": "INHERITED", "maxConcurrentTasks": 1, "statelessFlowTimeout": "1 min",
                "componentType": "PROCESS_GROUP", "flowFileConcurrency": "UNBOUNDED",
                "flowFileOutboundPolicy": "STREAM_WHEN_AVAILABLE"},
            "externalControllerServices": {},
            "parameterContexts": {context_name: {
                "identifier": self.uid("parameter-context"), "instanceIdentifier": self.instance_uid(
                    "parameter-context"), "name": context_name, "description": self.comments,
                "parameters": self.parameters, "inheritedParameterContexts": [],
                "componentType": "PARAMETER_CONTEXT"}},
            "flowEncodingVersion": "1.0",
            "parameterProviders": {},
            "latest": False}
        with open(os.path.join(directory, self.file_name), "w", encoding="utf-8") as out:
            json.dump(snapshot, out, indent=2, ensure_ascii=False)
            out.write("\n")


def sqlite_store(flow, name="SQLite dataset store", parameter="Storage Directory"):
    return flow.service(name, "io.nifimdm.nifi.services.SQLiteDatasetStore", MDM_BUNDLE, {
        "Storage Directory": "#{" + parameter + "}", "Journal Mode": "WAL", "Synchronous": "NORMAL"},
        MDM_SERVICE_APIS)


def failure_sink(flow, what):
    """LogAttribute that logs the error attribute, then a funnel whose queue keeps the failed FlowFiles; placed right
    of every processor, below the main line, so failure connections also run left to right."""
    x = max(p["position"]["x"] for p in flow.processors) + 400
    y = max(p["position"]["y"] for p in flow.processors) + 360
    log = flow.processor("Log failure", "org.apache.nifi.processors.standard.LogAttribute", STANDARD, x, y, {
        "Log Level": "warn", "Attributes to Log": "filename,mdm.dataset.name,mdm.table,mdm.error.message",
        "Attributes to Log Regular Expression": None, "Log FlowFile Properties": "false",
        "Output Format": "Single Line", "Log Prefix": "nifi-mdm failure: "})
    funnel = flow.funnel("Failed FlowFiles", x + 500, y + 40)
    flow.connect(log, funnel, ["success"])
    flow.label("failures", "FAILURES of " + what + " are logged with mdm.error.message (LogAttribute, WARN) and "
               "kept in the queue into the funnel: list that queue to inspect or replay them.",
               x, y + 180, width=640, height=60)
    return log


def connect_failures(flow, log, sources):
    """Failure connections drop below their processor, then run along a line under the flow to the sink."""
    for source, relationships in sources:
        position = flow.by_name[source][1]["position"]
        bus = flow.by_name[log][1]["position"]["y"] - 160
        flow.connect(source, log, relationships, bends=((position["x"] + 176, bus),))


def kaggle_folder_to_features():
    flow = Flow("kaggle-folder-to-features.json", "Kaggle folder to features",
                "Registers every file of a Kaggle competition folder as a table of one dataset, generates the "
                "features and writes the feature tables as snappy Parquet.")
    flow.parameter("Input Directory", "/data/kaggle/titanic", "Folder holding train.csv, test.csv, "
                   "sample_submission.csv ... (read, not modified)")
    flow.parameter("Output Directory", "/data/mdm/export", "Where the feature tables are written as Parquet")
    flow.parameter("Storage Directory", "./mdm-datasets", "Directory of the SQLite dataset files (one per dataset)")
    flow.parameter("Dataset Name", "titanic", "Dataset the files are registered into")
    store = sqlite_store(flow)
    flow.label("title", "Kaggle folder to features: set the parameters (Input Directory, Dataset Name, Storage "
               "Directory, Output Directory), enable the SQLite dataset store, start the group.",
               0, -200, width=1400, height=60)
    list_files = flow.processor("List Kaggle files", "org.apache.nifi.processors.standard.ListFile", STANDARD, 0, 0, {
        "Input Directory": "#{Input Directory}", "Recurse Subdirectories": "false",
        "File Filter": "[^\\.].*\\.(csv|tsv|txt|json|jsonl|parquet)(\\.gz|\\.zip)?"},
        scheduling_period="1 min")
    fetch = flow.processor("Fetch file", "org.apache.nifi.processors.standard.FetchFile", STANDARD, 400, 0, {})
    register = flow.processor("Register table", "io.nifimdm.nifi.processors.RegisterDataset", MDM_BUNDLE, 800, 0, {
        "Dataset Store": store, "Input Format": "Auto-detect", "Dataset Name": "#{Dataset Name}",
        "Registration Mode": "Replace", "Problem Type": "Detect", "Batch Size": "10000"},
        service_properties=("Dataset Store",),
        comments="Table Name is empty, so it is derived from the file name: train.csv -> train, "
                 "sample_submission.csv -> sample_submission (the target is detected from it).")
    features = flow.processor("Generate features", "io.nifimdm.nifi.processors.GenerateFeatures", MDM_BUNDLE, 1200,
                              0, {"Dataset Store": store, "Dataset Name": "${mdm.dataset.name}",
                                  "Table": "${mdm.table}", "Fit Table": "train", "Output Content": "Pass Through"},
                              service_properties=("Dataset Store",))
    built = flow.processor("Features built?", "org.apache.nifi.processors.standard.RouteOnAttribute", STANDARD,
                           1600, 0, {"built": "${mdm.features.pending:equals('false')}"},
                           auto_terminated=("unmatched",), dynamic=("built",),
                           comments="unmatched: the table arrived before train, nothing was built yet; train's "
                                    "arrival builds every table's features, so these FlowFiles are dropped.")
    export = flow.processor("Export features as Parquet", "io.nifimdm.nifi.processors.ExportDataset", MDM_BUNDLE,
                            2000, 0, {"Dataset Store": store, "Dataset Name": "${mdm.dataset.name}",
                                      "Tables": "Listed", "Table Names": "${mdm.feature.tables}",
                                      "Format": "Parquet", "Compression": "snappy", "Include Metadata": "true"},
                            auto_terminated=("original",), service_properties=("Dataset Store",))
    put = flow.processor("Write files", "org.apache.nifi.processors.standard.PutFile", STANDARD, 2400, 0, {
        "Directory": "#{Output Directory}", "Conflict Resolution Strategy": "replace"},
        auto_terminated=("success",))
    log = failure_sink(flow, "every step")
    flow.connect(list_files, fetch, ["success"])
    # one FlowFile is a whole table: a short queue stops FetchFile pulling a folder of large files into the
    # content repository while the single SQLite writer is busy
    flow.connect(fetch, register, ["success"], object_threshold=20, size_threshold="10 GB")
    flow.connect(register, features, ["success"])
    flow.connect(features, built, ["success"])
    flow.connect(built, export, ["built"])
    flow.connect(export, put, ["success"])
    connect_failures(flow, log, [(fetch, ["failure", "not.found", "permission.denied"]), (register, ["failure"]),
                                 (features, ["failure"]), (export, ["failure"]), (put, ["failure"])])
    return flow


def scheduled_dataset_report():
    flow = Flow("scheduled-dataset-report.json", "Scheduled dataset report",
                "Every morning, counts the rows of a table per category of one column, with the mean, minimum and "
                "maximum of a numeric column, and writes the result as CSV.")
    flow.parameter("Storage Directory", "./mdm-datasets", "Directory of the SQLite dataset files")
    flow.parameter("Dataset Name", "titanic", "Dataset to report on")
    flow.parameter("Table", "train", "Table to report on")
    flow.parameter("Category Column", "Pclass", "Column whose categories form the rows of the report")
    flow.parameter("Measure Column", "Fare", "Numeric column summarised per category")
    flow.parameter("Output Directory", "/data/mdm/reports", "Where the CSV reports are written")
    store = sqlite_store(flow)
    writer = flow.service("CSV report writer", "org.apache.nifi.csv.CSVRecordSetWriter", RECORD_SERIALIZATION,
                          {}, RECORD_WRITER_APIS)
    flow.label("title", "Scheduled dataset report: runs at 06:00 every day (CRON 0 0 6 * * ?); right-click the "
               "query processor > Run Once to try it now.", 0, -200, width=1200, height=60)
    query = flow.processor("Aggregate per category", "io.nifimdm.nifi.processors.QueryDataset", MDM_BUNDLE, 0, 0, {
        "Dataset Store": store, "Dataset Name": "#{Dataset Name}", "Table": "#{Table}", "With Features": "false",
        "Group By": "#{Category Column}",
        "Aggregations": "count(*), avg(#{Measure Column}), min(#{Measure Column}), max(#{Measure Column})",
        "Order By": "count DESC", "Record Writer": writer, "Max Rows Per FlowFile": "0"},
        auto_terminated=("original", "failure", "retry"), service_properties=("Dataset Store", "Record Writer"),
        scheduling_strategy="CRON_DRIVEN", scheduling_period="0 0 6 * * ?",
        comments="Runs as a source: original, failure and retry only carry incoming FlowFiles, and there are none.")
    put = flow.processor("Write report", "org.apache.nifi.processors.standard.PutFile", STANDARD, 400, 0, {
        "Directory": "#{Output Directory}", "Conflict Resolution Strategy": "fail"}, auto_terminated=("success",))
    log = failure_sink(flow, "the report writing")
    flow.connect(query, put, ["success"])
    connect_failures(flow, log, [(put, ["failure"])])
    return flow


def export_dataset():
    flow = Flow("export-dataset.json", "Export dataset",
                "On demand, exports every table of one dataset twice: as gzipped CSV and as snappy Parquet, with "
                "the dataset's metadata JSON.")
    flow.parameter("Storage Directory", "./mdm-datasets", "Directory of the SQLite dataset files")
    flow.parameter("Dataset Name", "titanic", "Dataset to export")
    flow.parameter("Output Directory", "/data/mdm/export", "Where the files are written")
    store = sqlite_store(flow)
    flow.label("title", "Export dataset: right-click 'Trigger export' > Run Once (it is scheduled once a day too).",
               0, -200, width=1200, height=60)
    trigger = flow.processor("Trigger export", "org.apache.nifi.processors.standard.GenerateFlowFile", STANDARD, 0,
                             0, {"mdm.dataset.name": "#{Dataset Name}"}, dynamic=("mdm.dataset.name",),
                             scheduling_period="1 day")
    csv = flow.processor("Export CSV (gzip)", "io.nifimdm.nifi.processors.ExportDataset", MDM_BUNDLE, 400, -120, {
        "Dataset Store": store, "Dataset Name": "${mdm.dataset.name}", "Tables": "All", "Format": "CSV",
        "Compression": "gzip", "Include Header": "true", "CSV Delimiter": ",", "Include Metadata": "true"},
        auto_terminated=("original",), service_properties=("Dataset Store",))
    parquet = flow.processor("Export Parquet (snappy)", "io.nifimdm.nifi.processors.ExportDataset", MDM_BUNDLE, 400,
                             120, {"Dataset Store": store, "Dataset Name": "${mdm.dataset.name}", "Tables": "All",
                                   "Format": "Parquet", "Compression": "snappy", "Include Metadata": "false"},
                             auto_terminated=("original",), service_properties=("Dataset Store",))
    put = flow.processor("Write files", "org.apache.nifi.processors.standard.PutFile", STANDARD, 800, 0, {
        "Directory": "#{Output Directory}", "Conflict Resolution Strategy": "replace"},
        auto_terminated=("success",))
    log = failure_sink(flow, "either export or the file writing")
    flow.connect(trigger, csv, ["success"])
    flow.connect(trigger, parquet, ["success"])
    flow.connect(csv, put, ["success"])
    flow.connect(parquet, put, ["success"])
    connect_failures(flow, log, [(csv, ["failure"]), (parquet, ["failure"]), (put, ["failure"])])
    return flow


def migrate_sqlite_to_postgresql():
    flow = Flow("migrate-sqlite-to-postgresql.json", "Migrate SQLite dataset to PostgreSQL",
                "Copies one dataset from a SQLite store into a PostgreSQL store: every table goes through Parquet "
                "(storage types kept), target and ID columns are passed on explicitly.")
    flow.parameter("Storage Directory", "./mdm-datasets", "Directory of the source SQLite dataset files")
    flow.parameter("Dataset Name", "titanic", "Dataset to migrate (same name in PostgreSQL)")
    flow.parameter("Target Column", "Survived", "The source dataset's target column (mdm.target.column); empty "
                   "string to detect it again from sample_submission")
    flow.parameter("ID Columns", "PassengerId", "The source dataset's ID columns, comma-separated "
                   "(mdm.id.columns); empty string to detect them again by name")
    flow.parameter("PostgreSQL URL", "jdbc:postgresql://localhost:5432/mdm", "JDBC URL of the target database")
    flow.parameter("PostgreSQL User", "mdm", "Database user of the target")
    flow.parameter("PostgreSQL Password", None, "Password of the target database user", sensitive=True)
    flow.parameter("Metadata Directory", "/data/mdm/migration", "Where the source's metadata JSON is archived")
    source = sqlite_store(flow, name="Source SQLite dataset store")
    target = flow.service("Target PostgreSQL dataset store", "io.nifimdm.nifi.services.PostgreSQLDatasetStore",
                          MDM_BUNDLE, {"Database URL": "#{PostgreSQL URL}", "Database User": "#{PostgreSQL User}",
                                       "Password": "#{PostgreSQL Password}", "Schema Prefix": "mdm_",
                                       "SSL Mode": "prefer", "Max Connections": "8"},
                          MDM_SERVICE_APIS, sensitive_properties=("Password",))
    flow.label("title", "Migrate SQLite to PostgreSQL: set the parameters (the password is sensitive), enable both "
               "stores, then right-click 'Trigger migration' > Run Once.", 0, -200, width=1600, height=60)
    trigger = flow.processor("Trigger migration", "org.apache.nifi.processors.standard.GenerateFlowFile", STANDARD,
                             0, 0, {"mdm.dataset.name": "#{Dataset Name}", "mdm.target.column": "#{Target Column}",
                                    "mdm.id.columns": "#{ID Columns}"},
                             dynamic=("mdm.dataset.name", "mdm.target.column", "mdm.id.columns"),
                             scheduling_period="1 day")
    export = flow.processor("Export tables as Parquet", "io.nifimdm.nifi.processors.ExportDataset", MDM_BUNDLE, 400,
                            0, {"Dataset Store": source, "Dataset Name": "${mdm.dataset.name}", "Tables": "All",
                                "Format": "Parquet", "Compression": "snappy", "Include Metadata": "true"},
                            auto_terminated=("original",), service_properties=("Dataset Store",),
                            comments="Exported FlowFiles inherit the trigger's mdm.target.column and mdm.id.columns.")
    route = flow.processor("Metadata or table?", "org.apache.nifi.processors.standard.RouteOnAttribute", STANDARD,
                           800, 0, {"metadata": "${mdm.table:isEmpty()}"}, dynamic=("metadata",),
                           comments="The metadata FlowFile has an empty mdm.table; every table goes to unmatched.")
    register = flow.processor("Register into PostgreSQL", "io.nifimdm.nifi.processors.RegisterDataset", MDM_BUNDLE,
                              1200, 0, {"Dataset Store": target, "Input Format": "Parquet",
                                        "Dataset Name": "${mdm.dataset.name}", "Table Name": "${mdm.table}",
                                        "Registration Mode": "Replace", "Target Column": "${mdm.target.column}",
                                        "ID Columns": "${mdm.id.columns}", "Problem Type": "Detect",
                                        "Batch Size": "10000"},
                              auto_terminated=("success",), service_properties=("Dataset Store",))
    archive = flow.processor("Archive source metadata", "org.apache.nifi.processors.standard.PutFile", STANDARD,
                             1200, -240, {"Directory": "#{Metadata Directory}",
                                          "Conflict Resolution Strategy": "replace"}, auto_terminated=("success",))
    log = failure_sink(flow, "the export, the registration or the archiving")
    flow.connect(trigger, export, ["success"])
    flow.connect(export, route, ["success"])
    flow.connect(route, archive, ["metadata"])
    # each FlowFile is a whole table; PostgreSQL loads one table per connection, so keep the queue short
    flow.connect(route, register, ["unmatched"], object_threshold=10, size_threshold="4 GB")
    connect_failures(flow, log, [(export, ["failure"]), (register, ["failure"]), (archive, ["failure"])])
    return flow


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    for build in (kaggle_folder_to_features, scheduled_dataset_report, export_dataset, migrate_sqlite_to_postgresql):
        build().write(here)
