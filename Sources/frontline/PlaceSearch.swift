import ArgumentParser
import Foundation
import Frontline

/// `frontline places QUERY`: the place the name means, or a search. A name that resolves prints
/// the place; an ambiguous name lists its places; an unknown one lists the nearest names. Exit
/// status 0 when anything is listed, 1 when nothing is near.
enum PlaceLookup {
    static func run(query: String, json: Bool, directory: URL) throws {
        let gazetteer = try Gazetteer(directory: directory)
        let resolved = Result { try gazetteer.resolve(query) }
        if case .success(let place) = resolved {
            try writeOutput(json ? "[" + (try JSONContract.encode(PlaceRecord(place))) + "]\n" : Self.detail(place), to: nil)
            return
        }
        let matches = gazetteer.search(query)
        guard !matches.isEmpty else {
            // A qualifier that fits none of the name's places: the gazetteer's own message says which.
            if case .failure(let error as GazetteerError) = resolved, case .unknownQualifier = error { throw error }
            throw ValidationError("no place is named '\(query)' or anything near it; the gazetteer has \(gazetteer.places.count) places (Geo/places.tsv)")
        }
        let ambiguous = matches.first?.kind == .exact
        if json {
            // The places as places.schema.json describes them, nearest first.
            try writeOutput("[" + (try matches.map { try JSONContract.encode(PlaceRecord(gazetteer.places[$0.index])) })
                .joined(separator: ",\n ") + "]\n", to: nil)
            return
        }
        var rows = [["name", "matched", "country", "governorate", "population", "lat", "lon", "id"]]
        for m in matches {
            let p = gazetteer.places[m.index]
            rows.append([p.asciiName, m.name == p.asciiName ? "" : m.name, p.country, p.admin1Name, "\(p.population)",
                         "\(p.coordinate.lat)", "\(p.coordinate.lon)", p.id])
        }
        let exact = matches.filter { $0.kind == .exact }.map { gazetteer.places[$0.index] }
        // The qualifier that tells the first place from the others: its country when that is
        // enough, else its governorate.
        let first = exact.first
        let qualifier = first.map { f in exact.filter { $0.country == f.country }.count == 1 ? f.country : f.admin1Name } ?? ""
        let head = ambiguous
            ? "'\(query)' names \(exact.count) places; qualify it with a country or governorate after a comma, e.g. '\(query), \(qualifier)':"
            : "no place is named '\(query)'; the nearest names:"
        try writeOutput(head + "\n" + TextTableRenderer.render(rows), to: nil)
    }

    static func detail(_ place: Place) -> String {
        """
        \(place.name) (\(place.asciiName))
          id          \(place.id)
          position    \(place.coordinate.lat) N, \(place.coordinate.lon) E
          country     \(place.country)
          governorate \(place.admin1Name) (\(place.admin1))
          population  \(place.population)
          also        \(place.alternateNames.filter { $0.unicodeScalars.allSatisfy { $0.value < 0x250 } }.prefix(12).joined(separator: ", "))
          source      \(place.source)

        """
    }
}
