/**
 * A large TypeORM backend, written the way NestJS projects are: a tsconfig.json with a path alias
 * (`@app/*`), a `common` module whose barrel re-exports a base entity, an enum of table names and
 * size constants; feature modules of three entities (one named through the enum, each extending
 * the base through the alias, relations by import with `@Index()`), a migration per module in
 * `queryRunner.query` SQL, and services, controllers and DTOs that are no models. Clean: the
 * migrations create what the entities declare. It exercises the TypeScript resolution layer (module
 * resolution with paths, barrels, enums and constants across modules).
 */
import { workspaceWriter } from './workspaceWriter';

export interface GeneratedTypeOrm {
  files: number;
  entityFiles: number;
  migrationFiles: number;
  /** An entity whose line `editLine` sizes a column by a constant (`length: NAME_MAX`): a literal there makes a drift. */
  editFile: string;
  editLine: number;
  /** A migration whose line `migrationEditLine` has a column `NOT NULL` the entity declares: dropping it makes a drift. */
  migrationEditFile: string;
  migrationEditLine: number;
  migrationEditEntity: string;
}

export function generateTypeOrmWorkspace(root: string, totalFiles = 2000): GeneratedTypeOrm {
  const out = workspaceWriter(root);
  const write = out.write;
  // Each module: 3 entities, 1 migration, 4 other files.
  const modules = Math.max(1, Math.floor((totalFiles - 7) / 8));
  write('package.json', JSON.stringify({ name: 'bench-typeorm', private: true, dependencies: { typeorm: '^0.3.20', '@nestjs/typeorm': '^10.0.0' } }, null, 2) + '\n');
  write('tsconfig.json', `{
  // Path aliases, as NestJS projects set them.
  "compilerOptions": {
    "target": "ES2021",
    "module": "commonjs",
    "experimentalDecorators": true,
    "emitDecoratorMetadata": true,
    "baseUrl": ".",
    "paths": { "@app/*": ["src/*"] },
  },
}
`);
  write('src/common/base.entity.ts', `import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The key and timestamps every table has. */
export abstract class BaseRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
`);
  write('src/common/tables.ts', `// The customer tables of every module, named in one place.
export enum Tables {
${Array.from({ length: modules }, (_, k) => `  Customer${k} = 'customer_${k}',`).join('\n')}
}

export enum Status {
  Active = 'active',
  Suspended = 'suspended',
}
`);
  write('src/common/limits.ts', `export const EMAIL_MAX = 320;
export const NAME_MAX = 120;
`);
  write('src/common/index.ts', `export * from './base.entity';
export * from './tables';
export * from './limits';
`);
  write('src/data-source.ts', `import 'reflect-metadata';
import { DataSource } from 'typeorm';

export default new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: [__dirname + '/modules/**/*.entity.ts'],
  migrations: [__dirname + '/migrations/*.ts'],
});
`);
  let editFile = '';
  let migrationEditFile = '';
  let migrationEditEntity = '';
  let migrationEditLine = 0;
  const editLine = 8;
  const middle = Math.floor(modules / 2);
  for (let k = 0; k < modules; k++) {
    const dir = `src/modules/m${k}`;
    const customer = write(`${dir}/entities/customer.entity.ts`, `import { Column, Entity } from 'typeorm';
import { BaseRecord, EMAIL_MAX, NAME_MAX, Status, Tables } from '@app/common';

@Entity(Tables.Customer${k})
export class Customer${k} extends BaseRecord {
  @Column({ type: 'varchar', length: EMAIL_MAX, unique: true })
  email: string;

  @Column({ type: 'varchar', length: NAME_MAX })
  name: string;

  @Column({ type: 'varchar', length: 16, default: Status.Active })
  status: Status;
}
`);
    write(`${dir}/entities/order.entity.ts`, `import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '@app/common';
import { Customer${k} } from './customer.entity';

@Entity('order_${k}')
export class Order${k} extends BaseRecord {
  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Index()
  @ManyToOne(() => Customer${k})
  @JoinColumn({ name: 'customer_id' })
  customer: Customer${k};

  @Column({ name: 'total_cents', type: 'integer', default: 0 })
  totalCents: number;
}
`);
    write(`${dir}/entities/line-item.entity.ts`, `import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '@app/common/base.entity';
import { Order${k} } from './order.entity';

@Entity('line_item_${k}')
export class LineItem${k} extends BaseRecord {
  @Index()
  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @ManyToOne(() => Order${k})
  @JoinColumn({ name: 'order_id' })
  order: Order${k};

  @Column({ type: 'integer' })
  quantity: number;
}
`);
    const migrationLines = [
      `import { MigrationInterface, QueryRunner } from 'typeorm';`,
      '',
      `export class Module${k}${1700000000000 + k} implements MigrationInterface {`,
      `  name = 'Module${k}${1700000000000 + k}';`,
      '',
      '  public async up(queryRunner: QueryRunner): Promise<void> {',
      `    await queryRunner.query(\`CREATE TABLE "customer_${k}" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "email" character varying(320) NOT NULL, "name" character varying(120) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', CONSTRAINT "UQ_customer_${k}_email" UNIQUE ("email"), CONSTRAINT "PK_customer_${k}" PRIMARY KEY ("id"))\`);`,
      `    await queryRunner.query(\`CREATE TABLE "order_${k}" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "customer_id" uuid NOT NULL, "total_cents" integer NOT NULL DEFAULT 0, CONSTRAINT "PK_order_${k}" PRIMARY KEY ("id"))\`);`,
      `    await queryRunner.query(\`CREATE INDEX "IDX_order_${k}_customer_id" ON "order_${k}" ("customer_id")\`);`,
      `    await queryRunner.query(\`CREATE TABLE "line_item_${k}" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "order_id" uuid NOT NULL, "quantity" integer NOT NULL, CONSTRAINT "PK_line_item_${k}" PRIMARY KEY ("id"))\`);`,
      `    await queryRunner.query(\`CREATE INDEX "IDX_line_item_${k}_order_id" ON "line_item_${k}" ("order_id")\`);`,
      `    await queryRunner.query(\`ALTER TABLE "order_${k}" ADD CONSTRAINT "FK_order_${k}_customer" FOREIGN KEY ("customer_id") REFERENCES "customer_${k}"("id") ON DELETE NO ACTION ON UPDATE NO ACTION\`);`,
      `    await queryRunner.query(\`ALTER TABLE "line_item_${k}" ADD CONSTRAINT "FK_line_item_${k}_order" FOREIGN KEY ("order_id") REFERENCES "order_${k}"("id") ON DELETE NO ACTION ON UPDATE NO ACTION\`);`,
      '  }',
      '',
      '  public async down(queryRunner: QueryRunner): Promise<void> {',
      `    await queryRunner.query(\`DROP TABLE "line_item_${k}"\`);`,
      `    await queryRunner.query(\`DROP TABLE "order_${k}"\`);`,
      `    await queryRunner.query(\`DROP TABLE "customer_${k}"\`);`,
      '  }',
      '}',
      '',
    ];
    const migration = write(`src/migrations/${1700000000000 + k}-Module${k}.ts`, migrationLines.join('\n'));
    write(`${dir}/m${k}.service.ts`, `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Order${k} } from './entities/order.entity';

@Injectable()
export class Module${k}Service {
  constructor(@InjectRepository(Order${k}) private readonly orders: Repository<Order${k}>) {}

  totalOf(customerId: string): Promise<number> {
    return this.orders.sum('totalCents', { customerId });
  }
}
`);
    write(`${dir}/m${k}.controller.ts`, `import { Controller, Get, Param } from '@nestjs/common';
import { Module${k}Service } from './m${k}.service';

@Controller('m${k}')
export class Module${k}Controller {
  constructor(private readonly service: Module${k}Service) {}

  @Get(':customerId/total')
  total(@Param('customerId') customerId: string) {
    return this.service.totalOf(customerId);
  }
}
`);
    write(`${dir}/dto/create-order.dto.ts`, `export class CreateOrder${k}Dto {
  customerId!: string;
  totalCents!: number;
}
`);
    write(`${dir}/m${k}.module.ts`, `import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Customer${k} } from './entities/customer.entity';
import { Order${k} } from './entities/order.entity';
import { LineItem${k} } from './entities/line-item.entity';
import { Module${k}Service } from './m${k}.service';
import { Module${k}Controller } from './m${k}.controller';

@Module({ imports: [TypeOrmModule.forFeature([Customer${k}, Order${k}, LineItem${k}])], providers: [Module${k}Service], controllers: [Module${k}Controller] })
export class Module${k}Module {}
`);
    if (k === middle) {
      editFile = customer;
      migrationEditFile = migration;
      migrationEditEntity = customer;
      migrationEditLine = 6; // the CREATE TABLE of customer_<k>
    }
  }
  return { files: out.files, entityFiles: modules * 3 + 1, migrationFiles: modules, editFile, editLine, migrationEditFile, migrationEditLine, migrationEditEntity };
}
