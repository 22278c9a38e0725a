import ArgumentParser
import Foundation
import Host
import PackKit

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train an XGBoost classifier on the built matrix.",
        discussion: """
            Uses the matrix's rows in the allowed hours, encodes the labels (binary:logistic for two values, \
            multi:softprob for more), and stops early on a validation block at the end of the range from which \
            every training row whose label overlaps it is purged (plus a one-day embargo). Writes \
            artifacts/<model>/<risk_profile>/model.json (XGBoost JSON, loadable by Python's xgboost), meta.json \
            (features, encoder, parameters, xgboost version, lineage: matrix_sha, config_sha, policy_sha, risk_sha) \
            and importance.json (gain). The same inputs give the same bytes.

            Example:
              edgehost train --model spy_opt_0dte_hourly --allowed-hours 13,14,15 --risk-profile Balanced
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @OptionGroup var options: ModelOptions

    func run() throws {
        let context = try ModelContext(global, ws, model: options.model)
        let result = try context.train(risk: try options.risk(context), hours: try options.allowedHours.map(parseHours),
                                       ledger: RunLedger(workspace: context.workspace), force: options.force)
        emit(result, json: options.json, workspace: context.workspace)
    }
}
