// SPDX-License-Identifier: GPL-3.0-or-later
// EnergyLandscapeView: the free layer's energy E(theta, phi) as a map, for teaching hysteresis and switching.
//
// Top: the map over the whole sphere, azimuth phi (-180..180 deg) across, polar angle theta (0..180 deg, from +z)
// down, coloured with viridis (perceptually ordered, low energy dark). The demagnetising energy of an in-plane
// film makes the poles thousands of kB T high while the wells that matter are a few tens deep, so the colour
// follows asinh((E - E_min) / kB T): linear within kB T of the minimum, logarithmic above. The colour bar
// carries the true energies at round values (its ends the minimum and maximum), and thin contour lines run at the
// same values; the dashed contours run at the saddle energies: the separatrix between the wells. Small triangles on
// the map's edges mark the film plane theta = 90 deg, where the profile below is taken. The fixed points of the
// LLGS flow under the drive (spin torque included) are marked: stable a filled white circle, saddle an X, unstable
// an open circle; a point on the meridian phi = +-180 deg shows as half a marker on each edge (the map is periodic).
// Optional marks show the magnetisation m (orange ring) and the reference direction p (pink diamond). Hovering
// shows theta, phi and E (bicubic interpolation of the grid).
//
// Bottom: the in-plane profile E(phi) at theta = 90 deg on the same phi axis, with the fixed points that lie in
// the plane and, for each stable one, its barrier up to the lowest in-plane saddle, read off directly.
//
// All text uses the widget font (presentation mode scales the application font) and is laid out from its
// metrics, so nothing is clipped down to 380 x 320 pixels. Without a landscape the axes are drawn with
// "No landscape yet". GUI thread only.
#pragma once

#include <QImage>
#include <QPolygonF>
#include <QWidget>
#include <optional>
#include <vector>

#include "device/energy_landscape.hpp"

namespace mtj::ui {

class EnergyLandscapeView : public QWidget {
    Q_OBJECT
public:
    explicit EnergyLandscapeView(QWidget* parent = nullptr);

    /// Shows a landscape and the fixed points of the same drive (findFixedPoints).
    void setLandscape(const mtj::EnergyLandscape& landscape, const std::vector<mtj::LandscapeFixedPoint>& fixedPoints);
    /// Back to the empty state.
    void clear();
    [[nodiscard]] bool hasLandscape() const { return !landscape_.empty(); }
    [[nodiscard]] const mtj::EnergyLandscape& landscape() const { return landscape_; }
    [[nodiscard]] const std::vector<mtj::LandscapeFixedPoint>& fixedPoints() const { return fixedPoints_; }

    /// The current magnetisation m and the reference direction p (unit vectors; nullopt hides a mark).
    void setMarks(std::optional<mtj::Vec3> magnetization, std::optional<mtj::Vec3> reference);

    /// The line above the map, e.g. "Energy landscape at x = 0.30".
    void setTitle(const QString& title);
    [[nodiscard]] QString title() const { return title_; }

    /// Widget pixel of the direction (theta, phi) on the map.
    [[nodiscard]] QPointF mapPosition(double thetaRadians, double phiRadians) const;
    /// The map's area in widget pixels.
    [[nodiscard]] QRect mapRect() const;
    /// The in-plane profile's plot area in widget pixels.
    [[nodiscard]] QRect profileRect() const;
    /// Widget pixel of (phi, E) on the profile (E in units of kB * 300 K).
    [[nodiscard]] QPointF profilePosition(double phiRadians, double energy) const;
    /// The colour bar's area in widget pixels.
    [[nodiscard]] QRect colourBarRect() const;

    /// The readout of the point under the mouse ("" when the mouse is elsewhere).
    [[nodiscard]] QString readoutText() const { return readout_; }

    /// Colour of energy E on the map (viridis through the asinh scale of the current landscape).
    [[nodiscard]] QColor energyColour(double energy) const;
    /// The fill of the stable fixed-point marker.
    static QColor stableMarkerFill();

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Layout {
        QRectF title;
        QRectF legend;  // one or more rows of legend entries
        int legendRows = 1;
        QRectF map;
        QRectF bar;
        QRectF profileCaption;
        QRectF profile;
        double barLabelLeft = 0;
        double barTitleCentreX = 0;
        double thetaTitleCentreX = 0;
        double phiLabelTop = 0;
        double phiTitleTop = 0;
    };
    struct LegendEntry {
        int symbol;  // 0 stable, 1 saddle, 2 unstable, 3 m, 4 p
        QString text;
    };

    [[nodiscard]] Layout layout() const;
    [[nodiscard]] std::vector<LegendEntry> legendEntries() const;
    [[nodiscard]] double legendEntryWidth(const LegendEntry& entry) const;
    [[nodiscard]] double markerRadius() const;
    [[nodiscard]] QFont tickFont() const;
    [[nodiscard]] double colourCoordinate(double energy) const;
    void rebuildContours();
    void ensureImage(const QSize& size, qreal devicePixelRatio);
    void updateReadout(const QPointF& position);

    void drawMapAxes(QPainter& painter, const Layout& l) const;
    void drawColourBar(QPainter& painter, const Layout& l) const;
    void drawMarkers(QPainter& painter, const Layout& l) const;
    void drawProfile(QPainter& painter, const Layout& l) const;
    void drawLegend(QPainter& painter, const Layout& l) const;
    void drawSymbol(QPainter& painter, int symbol, const QPointF& centre, double radius) const;
    void drawReadout(QPainter& painter) const;

    mtj::EnergyLandscape landscape_;
    std::vector<mtj::LandscapeFixedPoint> fixedPoints_;
    std::optional<mtj::Vec3> magnetization_;
    std::optional<mtj::Vec3> reference_;
    QString title_;

    std::vector<float> nodeColour_;      // colour coordinate in [0, 1] at each grid node
    std::vector<double> levels_;         // contour levels (round energies), also the colour bar's ticks
    std::vector<double> saddleLevels_;   // energies of the saddles (dashed contours)
    std::vector<QPolygonF> contours_;    // in grid coordinates (x = phi index, y = theta index)
    std::vector<QPolygonF> separatrix_;  // the contours at the saddle energies
    QImage image_;                       // the map raster at the map's size
    bool imageValid_ = false;

    QPointF mouse_{-1e6, -1e6};
    QString readout_;
};

}  // namespace mtj::ui
