// (being written)
#include <QtTest>
class Placeholder : public QObject {
    Q_OBJECT
private slots:
    void placeholder() { QVERIFY(true); }
};
QTEST_MAIN(Placeholder)
#include "test_energy_landscape.moc"
